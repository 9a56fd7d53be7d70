// Benchmark only (bench/campaigns.ts): bare people, each a member of its household, the
// households with their advisor ($rows: {oneId, household, advisorId}), shaped like
// createHousehold and assignAdvisor write them.
UNWIND $rows AS row
CREATE (p:Person {oneId: row.oneId, createdAt: $createdAt, gender: 'UNKNOWN'})
MERGE (h:Household {id: row.household})
  ON CREATE SET h.name = 'bench', h.advisorId = row.advisorId
CREATE (p)-[:MEMBER_OF {role: 'OTHER'}]->(h)
