// Bulk first load: every identifier in its final state, with the person it belongs to.
UNWIND $rows AS row
CREATE (i:Identifier {key: row.key, type: row.type, namespace: row.namespace, masked: row.masked, shared: row.shared,
                      firstSeenAt: row.firstSeenAt, lastSeenAt: row.lastSeenAt})
WITH i, row
WHERE row.personOneId IS NOT NULL
MATCH (p:Person {oneId: row.personOneId})
CREATE (i)-[:IDENTIFIES]->(p)
