// Test kit: how many REFERRED paths (1 to 20 links) lead from person $oneId back to itself:
// the referral tree never has a cycle, so always 0.
MATCH (p:Person {oneId: $oneId})
RETURN count { (p)-[:REFERRED*1..20]->(p) } AS cycles
