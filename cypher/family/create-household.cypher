// A new household and its members (each {oneId, role}), all joining at $at.
CREATE (h:Household {id: $id, name: $name, advisorId: $advisorId, createdAt: $at})
WITH h
CALL (h) {
  UNWIND $members AS m
  MATCH (p:Person {oneId: m.oneId})
  CREATE (p)-[:MEMBER_OF {role: m.role, since: $at}]->(h)
}
RETURN h {.*} AS household
