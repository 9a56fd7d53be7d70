// Benchmark only: delete up to $limit synthetic households of one advisor with their
// members and the members' policies (call until it returns 0).
MATCH (h:Household {advisorId: $advisorId})
WITH h LIMIT toInteger($limit)
CALL (h) {
  OPTIONAL MATCH (h)<-[:MEMBER_OF]-(p:Person)
  OPTIONAL MATCH (pol:Policy)-[:INSURES]->(p)
  DETACH DELETE pol, p
}
DETACH DELETE h
RETURN count(*) AS deleted
