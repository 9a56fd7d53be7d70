// Create or replace the policy with this policyNo: every attribute is set from the input
// (a null endDate removes it) and HELD_BY / INSURES move to the given persons.
// No row, and nothing written, when either person does not exist.
MATCH (holder:Person {oneId: $holder})
MATCH (insured:Person {oneId: $insured})
MERGE (p:Policy {policyNo: $policyNo})
  ON CREATE SET p.createdAt = $at
SET p.productType = $productType,
    p.sumAssured = toInteger($sumAssured),
    p.annualPremium = toInteger($annualPremium),
    p.status = $status,
    p.startDate = $startDate,
    p.endDate = $endDate,
    p.updatedAt = $at
WITH p, holder, insured
CALL (p) {
  OPTIONAL MATCH (p)-[old:HELD_BY|INSURES]->()
  DELETE old
}
CREATE (p)-[:HELD_BY]->(holder)
CREATE (p)-[:INSURES]->(insured)
RETURN p {.*} AS policy, holder.oneId AS holderOneId, insured.oneId AS insuredOneId
