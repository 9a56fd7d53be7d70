// Test kit: every identifier stored with a sealed value, with the wrapped data key that opens
// it and whether that key belongs to the identifier's person (its own, or one that moved to it
// with a merge).
MATCH (i:Identifier)
WHERE i.sealed IS NOT NULL
MATCH (k:DataKey {id: i.dataKeyId})
OPTIONAL MATCH (i)-[:IDENTIFIES]->(p:Person)
RETURN i {.key, .type, .namespace, .masked, .shared, .firstSeenAt, .lastSeenAt} AS identifier, i.sealed AS sealed,
       k {.id, .cipher, .iv, .tag, .masterKeyId} AS dataKey, p IS NOT NULL AND EXISTS { (k)-[:KEY_OF]->(p) } AS ownKey
