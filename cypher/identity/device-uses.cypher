UNWIND $rows AS row
MATCH (p:Person {oneId: row.oneId})
MATCH (d:Identifier {key: row.deviceKey})
MERGE (p)-[u:USES_DEVICE]->(d)
ON CREATE SET u.firstSeenAt = row.observedAt, u.lastSeenAt = row.observedAt
ON MATCH SET u.firstSeenAt = CASE WHEN row.observedAt < u.firstSeenAt THEN row.observedAt ELSE u.firstSeenAt END,
             u.lastSeenAt = CASE WHEN row.observedAt > u.lastSeenAt THEN row.observedAt ELSE u.lastSeenAt END
