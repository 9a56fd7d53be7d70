// Benchmark only (bench/identity.ts): delete the baseline's nodes, a bounded batch per call.
MATCH (i:BenchPlainIdentifier)
WITH i LIMIT toInteger($limit)
DETACH DELETE i
RETURN count(*) AS deleted
