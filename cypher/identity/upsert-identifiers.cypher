// Final state of every identifier a batch touched, and the person it now belongs to.
UNWIND $rows AS row
MERGE (i:Identifier {key: row.key})
SET i.type = row.type, i.namespace = row.namespace, i.masked = row.masked, i.shared = row.shared,
    i.firstSeenAt = row.firstSeenAt, i.lastSeenAt = row.lastSeenAt
WITH i, row
CALL (i, row) {
  OPTIONAL MATCH (i)-[old:IDENTIFIES]->(p:Person)
  WHERE row.personOneId IS NULL OR p.oneId <> row.personOneId
  DELETE old
}
WITH i, row
WHERE row.personOneId IS NOT NULL
MATCH (p:Person {oneId: row.personOneId})
MERGE (i)-[:IDENTIFIES]->(p)
