// Benchmark only (bench/run.ts): the plain-MERGE baseline of identity ingestion writes to
// its own labels, so it never touches kingraph's graph; these constraints give its MERGEs
// the same index look-ups kingraph's Identifier and IdentityEvent constraints give.
CREATE CONSTRAINT bench_plain_identifier IF NOT EXISTS FOR (i:PlainIdentifier) REQUIRE i.key IS UNIQUE;
CREATE CONSTRAINT bench_plain_event IF NOT EXISTS FOR (e:PlainEvent) REQUIRE e.eventId IS UNIQUE;
