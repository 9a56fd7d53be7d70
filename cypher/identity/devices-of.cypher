UNWIND $oneIds AS oneId
MATCH (:Person {oneId: oneId})-[u:USES_DEVICE]->(d:Identifier)
RETURN oneId, d {.key, .type, .namespace, .masked, .shared, .firstSeenAt, .lastSeenAt} AS identifier
ORDER BY oneId, d.namespace, d.key
