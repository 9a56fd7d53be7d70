// Benchmark only (bench/crosssell.ts): bulk-create synthetic households, their members,
// policies (each held by and insuring its member) and dated SPOUSE links, one batch per statement.
UNWIND $households AS hh
CREATE (h:Household {id: hh.id, name: hh.name, advisorId: hh.advisorId, createdAt: $at})
WITH h, hh
CALL (h, hh) {
  UNWIND hh.members AS m
  CREATE (p:Person {oneId: m.oneId, createdAt: $atMs, gender: 'UNKNOWN', displayName: m.displayName,
                    birthDate: m.birthDate, annualIncome: m.annualIncome})
  CREATE (p)-[:MEMBER_OF {role: m.role, since: $at}]->(h)
  WITH p, m
  CALL (p, m) {
    UNWIND m.policies AS pol
    CREATE (x:Policy {policyNo: pol.policyNo, productType: pol.productType, sumAssured: pol.sumAssured,
                      annualPremium: pol.annualPremium, status: pol.status, startDate: pol.startDate, endDate: pol.endDate})
    CREATE (x)-[:HELD_BY]->(p)
    CREATE (x)-[:INSURES]->(p)
  }
}
CALL (hh) {
  UNWIND hh.spouses AS s
  MATCH (a:Person {oneId: s.a})
  MATCH (b:Person {oneId: s.b})
  CREATE (a)-[:SPOUSE_OF {createdAt: $at, since: s.since}]->(b)
}
RETURN count(*) AS households
