// The cross-sell inputs of every household of one advisor, in one statement and compact
// rows: per member its role, birth date, income and name, and its ACTIVE cover aggregated
// per product type (sum of sumAssured, plus the endDates inside the expiry window); per
// household the SPOUSE links touching a member created since the marriage window opened
// (ISO strings, epoch milliseconds or DateTime values). Gaps, triggers and scores are
// computed in TypeScript. (Aggregating subqueries always return one row, even when empty.)
MATCH (h:Household {advisorId: $advisorId})
CALL (h) {
  MATCH (h)<-[m:MEMBER_OF]-(p:Person)
  CALL (p) {
    MATCH (pol:Policy)-[:INSURES]->(p)
    WHERE pol.status = 'ACTIVE'
    WITH pol.productType AS type, sum(pol.sumAssured) AS sum,
         collect(CASE WHEN pol.endDate >= $expiryFrom AND pol.endDate <= $expiryTo THEN pol.endDate END) AS ending
    RETURN collect({type: type, sum: sum, ending: ending}) AS cover
  }
  RETURN collect({
    oneId: p.oneId, role: m.role, birthDate: p.birthDate, annualIncome: p.annualIncome, displayName: p.displayName, cover: cover
  }) AS members
}
CALL (h) {
  MATCH (h)<-[:MEMBER_OF]-(a:Person)-[s:SPOUSE_OF]-(b:Person)
  WHERE s.createdAt >= $marriedSince OR s.createdAt >= $marriedSinceMs OR s.createdAt >= datetime($marriedSince)
  RETURN collect({a: a.oneId, b: b.oneId, createdAt: s.createdAt}) AS spouseLinks
}
RETURN h.id AS id, h.name AS name, h.createdAt AS createdAt, members, spouseLinks
