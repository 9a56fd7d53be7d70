// New households ($rows: {id, name, advisorId, members: [{oneId, role}]}), each member
// joining at $at. Returns each household created.
UNWIND $rows AS row
CREATE (h:Household {id: row.id, name: row.name, advisorId: row.advisorId, createdAt: $at})
WITH h, row
CALL (h, row) {
  UNWIND row.members AS m
  MATCH (p:Person {oneId: m.oneId})
  CREATE (p)-[:MEMBER_OF {role: m.role, since: $at}]->(h)
}
RETURN h {.*} AS household
