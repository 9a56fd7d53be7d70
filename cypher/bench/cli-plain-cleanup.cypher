// Benchmark only (bench/run.ts): delete the plain-MERGE baseline's nodes, a bounded batch per call.
MATCH (n) WHERE n:PlainEvent OR n:PlainIdentifier
WITH n LIMIT toInteger($limit)
DETACH DELETE n
RETURN count(*) AS deleted
