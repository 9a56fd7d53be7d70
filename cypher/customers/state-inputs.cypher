// What each person's customer state is computed from (src/customers/value.ts): ACTIVE premium
// held, policies held or insured by (count, ACTIVE count, first and last start, ACTIVE LIFE or
// CRITICAL_ILLNESS insuring it), income, newest interaction, children's birth dates, whether
// an invitation of theirs was accepted, and the premium of its whole referral tree (each
// descendant's incoming edge, as ReferralTree.premium reads it); and the influence stored
// now (0 when never computed), so that a write whose influence did not move walks no chain.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
CALL (p) {
  OPTIONAL MATCH (pol:Policy)-[:HELD_BY|INSURES]->(p)
  WITH DISTINCT pol
  RETURN count(pol) AS policies,
         count(CASE WHEN pol.status = 'ACTIVE' THEN 1 END) AS activePolicies,
         min(pol.startDate) AS firstStart,
         max(pol.startDate) AS lastStart
}
CALL (p) {
  OPTIONAL MATCH (pol:Policy {status: 'ACTIVE'})-[:HELD_BY]->(p)
  RETURN coalesce(sum(pol.annualPremium), 0) AS revenue
}
CALL (p) {
  OPTIONAL MATCH (p)-[:REFERRED*1..10000]->(d:Person)
  WITH DISTINCT d
  OPTIONAL MATCH ()-[r:REFERRED]->(d)
  RETURN coalesce(sum(r.premium), 0) AS influence
}
RETURN p.oneId AS oneId,
       coalesce(p.cvInfluence, 0) AS storedInfluence,
       coalesce(p.forgotten, false) AS forgotten,
       p.annualIncome AS annualIncome,
       revenue, influence, policies, activePolicies, firstStart, lastStart,
       EXISTS { MATCH (pol:Policy {status: 'ACTIVE'})-[:INSURES]->(p) WHERE pol.productType IN ['LIFE', 'CRITICAL_ILLNESS'] } AS protectedEarner,
       COLLECT { MATCH (i:Interaction)-[:BY]->(p) RETURN i.at ORDER BY i.at DESC LIMIT 1 }[0] AS lastInteractionAt,
       COLLECT { MATCH (p)-[:PARENT_OF]->(c:Person) WHERE c.birthDate IS NOT NULL RETURN c.birthDate } AS childBirthDates,
       EXISTS { MATCH (inv:Invitation)-[:INVITER]->(p) WHERE inv.status IN ['ACCEPTED', 'CONVERTED'] } AS referrer
