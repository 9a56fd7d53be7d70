// Benchmark only (bench/identity.ts): the naive way to load identifiers, with no
// resolution at all: one MERGE per identifier occurrence. Rows: {key, type, namespace, masked, observedAt}.
UNWIND $rows AS row
MERGE (i:BenchPlainIdentifier {key: row.key})
  ON CREATE SET i.type = row.type, i.namespace = row.namespace, i.masked = row.masked, i.firstSeenAt = row.observedAt
SET i.lastSeenAt = row.observedAt
