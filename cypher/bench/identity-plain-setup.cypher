// Benchmark only (bench/identity.ts): the plain-MERGE baseline writes to its own label, so
// it never touches the identity graph; the constraint gives its MERGE the same index
// look-up the identifier_key constraint gives kingraph's Identifier.
CREATE CONSTRAINT bench_identity_plain_identifier IF NOT EXISTS FOR (i:BenchPlainIdentifier) REQUIRE i.key IS UNIQUE;
