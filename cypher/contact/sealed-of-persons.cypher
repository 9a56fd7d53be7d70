// The personal identifiers of each person ($types: the types to read, null for all), with their
// encrypted value and wrapped data key when they have one (null for values stored before
// encryption existed: hash-only). $namespace narrows to one namespace when set.
UNWIND $oneIds AS oneId
MATCH (:Person {oneId: oneId})<-[:IDENTIFIES]-(i:Identifier)
WHERE ($types IS NULL OR i.type IN $types) AND ($namespace IS NULL OR i.namespace = $namespace)
OPTIONAL MATCH (k:DataKey {id: i.dataKeyId})
RETURN oneId, i {.key, .type, .namespace, .masked, .shared, .firstSeenAt, .lastSeenAt} AS identifier,
       CASE WHEN k IS NULL THEN null ELSE i.sealed END AS sealed,
       k {.id, .cipher, .iv, .tag, .masterKeyId} AS dataKey
ORDER BY oneId, i.type, i.namespace, i.firstSeenAt, i.key
