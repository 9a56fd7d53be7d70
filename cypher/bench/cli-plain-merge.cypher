// Benchmark only (bench/run.ts): the naive way to load identity events, without any
// resolution: MERGE each event and each identifier, and link the identifiers to the event
// they were seen in. Rows: {eventId, source, observedAt, identifiers: [{key, type, namespace, masked}]}.
UNWIND $rows AS row
MERGE (e:PlainEvent {eventId: row.eventId})
  ON CREATE SET e.source = row.source, e.observedAt = row.observedAt
WITH e, row
UNWIND row.identifiers AS id
MERGE (i:PlainIdentifier {key: id.key})
  ON CREATE SET i.type = id.type, i.namespace = id.namespace, i.masked = id.masked, i.firstSeenAt = row.observedAt
SET i.lastSeenAt = row.observedAt
MERGE (i)-[:SEEN_IN]->(e)
