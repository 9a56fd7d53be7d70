// Final state of every identifier a batch touched, the person it now belongs to, and its
// ciphertext when the batch sealed its value (row.sealed: {sealed, dataKeyId}, or {} to keep
// what is stored).
UNWIND $rows AS row
MERGE (i:Identifier {key: row.key})
SET i.type = row.type, i.namespace = row.namespace, i.masked = row.masked, i.shared = row.shared,
    i.firstSeenAt = row.firstSeenAt, i.lastSeenAt = row.lastSeenAt
SET i += row.sealed
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
