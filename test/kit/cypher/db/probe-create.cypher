// Test kit: a probe node a test writes, to check later that the database kept it (e.g. across
// a supervised restart of the local Neo4j).
MERGE (:Probe {id: $id})
