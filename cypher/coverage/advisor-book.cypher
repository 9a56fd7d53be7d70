// The cross-sell inputs of every household of one advisor, in one statement and compact
// rows (lists, not maps). Per household: id, name, createdAt and its members; per member:
//   [oneId, role, birthDate, annualIncome, displayName, cover, spouses]
// where cover = [[productType, sum of sumAssured, [endDates inside the expiry window]]]
// over the member's ACTIVE policies, and spouses = [[otherOneId, day]] for the member's
// marriages dated since the marriage window opened: SPOUSE links whose `since` is set, and
// MARRIAGE life events (other = the partner). A SPOUSE link without `since` is no marriage.
// Gaps, triggers and scores are computed in TypeScript. (An aggregating subquery returns one
// row even when empty.)
MATCH (h:Household {advisorId: $advisorId})
CALL (h) {
  MATCH (h)<-[m:MEMBER_OF]-(p:Person)
  CALL (p) {
    MATCH (p)-[r:INSURES|SPOUSE_OF]-(x)
    WITH r, x, type(r) = 'INSURES' AS insures
    WITH r, x, insures, CASE WHEN insures THEN x.status END AS status
    WHERE (insures AND status = 'ACTIVE') OR (NOT insures AND r.since >= $marriedSince)
    WITH CASE WHEN insures THEN x.productType END AS type, insures, x, r
    WITH type,
         sum(CASE WHEN insures THEN x.sumAssured ELSE 0 END) AS total,
         collect(CASE WHEN insures THEN x.endDate END) AS ends,
         collect(CASE WHEN NOT insures THEN [x.oneId, r.since] END) AS spouses
    RETURN collect(CASE WHEN type IS NOT NULL THEN [type, total, [e IN ends WHERE e >= $expiryFrom AND e <= $expiryTo]] END) AS cover,
           reduce(acc = [], s IN collect(spouses) | acc + s) AS spouses
  }
  CALL (p) {
    MATCH (e:LifeEvent {kind: 'MARRIAGE'})-[:OF]->(p)
    WHERE e.date >= $marriedSince
    OPTIONAL MATCH (e)-[:PARTNER]->(q:Person)
    RETURN collect([q.oneId, e.date]) AS married
  }
  RETURN collect([p.oneId, m.role, p.birthDate, p.annualIncome, p.displayName, cover, spouses + married]) AS members
}
RETURN h.id AS id, h.name AS name, h.createdAt AS createdAt, members
