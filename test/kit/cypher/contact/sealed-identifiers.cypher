// Test kit: what is stored for these identifiers ($keys): the sealed value (IV, tag and
// ciphertext, as contact/crypto packs them), the id of the
// data key that sealed it, that key's wrapped material (null when the key is gone) and the
// OneID of the person the key belongs to.
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
OPTIONAL MATCH (k:DataKey {id: i.dataKeyId})
OPTIONAL MATCH (k)-[:KEY_OF]->(owner:Person)
RETURN key, i.sealed AS sealed, i.dataKeyId AS dataKeyId,
       k {.id, .cipher, .iv, .tag, .masterKeyId} AS dataKey, owner.oneId AS keyOwner
