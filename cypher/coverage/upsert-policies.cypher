// Create or replace policies by policyNo ($rows: {i, policyNo, productType, sumAssured,
// annualPremium, status, startDate, endDate, holder, insured}, each policyNo at most once):
// every attribute is set from the row (a null endDate removes it) and HELD_BY / INSURES move
// to the given persons. A row whose holder or insured does not exist writes nothing and
// returns nothing. lapsedOn is the business day ($today) an upsert changed the status from
// ACTIVE to LAPSED (kept while it stays LAPSED, removed otherwise): the work-list's LAPSED item.
// `previous`: the people the policy named before (their households' derived state changes).
UNWIND $rows AS row
MATCH (holder:Person {oneId: row.holder})
MATCH (insured:Person {oneId: row.insured})
MERGE (p:Policy {policyNo: row.policyNo})
  ON CREATE SET p.createdAt = $at
SET p.lapsedOn = CASE WHEN row.status <> 'LAPSED' THEN null WHEN p.status = 'ACTIVE' THEN $today ELSE p.lapsedOn END
SET p.productType = row.productType,
    p.sumAssured = toInteger(row.sumAssured),
    p.annualPremium = toInteger(row.annualPremium),
    p.status = row.status,
    p.startDate = row.startDate,
    p.endDate = row.endDate,
    p.updatedAt = $at
WITH row, p, holder, insured
CALL (p) {
  OPTIONAL MATCH (p)-[old:HELD_BY|INSURES]->(x)
  DELETE old
  RETURN collect(x.oneId) AS previous
}
CREATE (p)-[:HELD_BY]->(holder)
CREATE (p)-[:INSURES]->(insured)
RETURN row.i AS i, p {.*} AS policy, holder.oneId AS holderOneId, insured.oneId AS insuredOneId, previous
