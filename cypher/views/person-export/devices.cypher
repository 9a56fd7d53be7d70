// Person export: the shared home devices the person uses (masked: a shared device is not one
// person's to reveal; its value is stored as a keyed hash only).
MATCH (:Person {oneId: $oneId})-[u:USES_DEVICE]->(d:Identifier)
RETURN d {.type, .namespace, .masked} AS device, u.firstSeenAt AS firstSeenAt, u.lastSeenAt AS lastSeenAt
ORDER BY d.namespace, d.masked
