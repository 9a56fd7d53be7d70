// Test kit: how many PARENT_OF paths (1 to 10 links) lead from person $oneId back to itself:
// a person must never be its own ancestor, so always 0.
MATCH (p:Person {oneId: $oneId})
RETURN count { (p)-[:PARENT_OF*1..10]->(p) } AS cycles
