// A person's use of a device over a batch (first and last observation), widened by earlier batches.
UNWIND $rows AS row
MATCH (p:Person {oneId: row.oneId})
MATCH (d:Identifier {key: row.deviceKey})
MERGE (p)-[u:USES_DEVICE]->(d)
ON CREATE SET u.firstSeenAt = row.firstSeenAt, u.lastSeenAt = row.lastSeenAt
ON MATCH SET u.firstSeenAt = CASE WHEN row.firstSeenAt < u.firstSeenAt THEN row.firstSeenAt ELSE u.firstSeenAt END,
             u.lastSeenAt = CASE WHEN row.lastSeenAt > u.lastSeenAt THEN row.lastSeenAt ELSE u.lastSeenAt END
