// Benchmark only (bench/family.ts): bulk-create synthetic households, their members (each
// with one PHONE identifier), and family links (PARENT from parent to child, SPOUSE and
// SIBLING once), one batch per statement. A link may point into an earlier household.
UNWIND $households AS hh
CREATE (h:Household {id: hh.id, name: hh.name, advisorId: hh.advisorId, createdAt: $at})
WITH h, hh
CALL (h, hh) {
  UNWIND hh.members AS m
  CREATE (p:Person {oneId: m.oneId, createdAt: $atMs, displayName: m.displayName, gender: m.gender, birthDate: m.birthDate})
  CREATE (p)-[:MEMBER_OF {role: m.role, since: $at}]->(h)
  CREATE (:Identifier {key: m.phoneKey, type: 'PHONE', masked: m.masked, shared: false, firstSeenAt: $at, lastSeenAt: $at})-[:IDENTIFIES]->(p)
}
CALL (hh) {
  UNWIND hh.links AS l
  MATCH (a:Person {oneId: l.a})
  MATCH (b:Person {oneId: l.b})
  FOREACH (_ IN CASE WHEN l.type = 'PARENT' THEN [1] ELSE [] END | CREATE (a)-[:PARENT_OF {createdAt: $at}]->(b))
  FOREACH (_ IN CASE WHEN l.type = 'SPOUSE' THEN [1] ELSE [] END | CREATE (a)-[:SPOUSE_OF {createdAt: $at}]->(b))
  FOREACH (_ IN CASE WHEN l.type = 'SIBLING' THEN [1] ELSE [] END | CREATE (a)-[:SIBLING_OF {createdAt: $at}]->(b))
}
RETURN count(*) AS households
