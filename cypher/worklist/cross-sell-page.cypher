// One page of an advisor's crossSellOpportunities from the stored state, in one row:
// - `stale`: the advisor's households whose stored state was computed for another day than
//   $today (an age or a trigger window changed since, or the clock moved back); when there
//   are any, the caller refreshes them and reads again (the other columns are then empty);
// - `total`: the households with a gap (the advisor's stored COVERAGE_GAP count class, $gapClass);
// - `household`, `members`: the best $limit after the cursor, one per row (a row per household
//   keeps each Bolt record small, which the driver decodes much faster than one large row;
//   one row with household null when there are none), read in rank order from the index
//   (advisorId, crossSellScore): score descending, then id (a household without a gap has no
//   crossSellScore), with their stored crossSell node (state.ts encodeCrossSell) and their
//   members (the persons the gaps and triggers name).
CALL () {
  CALL () {
    MATCH (h:Household) WHERE h.advisorId = $advisorId AND h.stateValidTo <= $today
    RETURN h.id AS id
    UNION
    MATCH (h:Household) WHERE h.advisorId = $advisorId AND h.stateAsOf > $today
    RETURN h.id AS id
  }
  WITH id ORDER BY id LIMIT 10000
  RETURN collect(id) AS stale
}
CALL (stale) {
  WITH stale WHERE size(stale) = 0
  OPTIONAL MATCH (c:WorkCount {key: $gapClass})
  RETURN sum(c.n) AS total
}
OPTIONAL CALL (stale) {
  WITH stale WHERE size(stale) = 0
  MATCH (h:Household) USING INDEX h:Household(advisorId, crossSellScore)
  WHERE h.advisorId = $advisorId AND h.crossSellScore <= $afterScore
    AND (h.crossSellScore < $afterScore OR h.id > $afterId)
  WITH h
  ORDER BY h.advisorId DESC, h.crossSellScore DESC, h.id
  LIMIT toInteger($limit)
  CALL (h) {
    MATCH (p:Person)-[:MEMBER_OF]->(h)
    RETURN collect(p {.oneId, .displayName, .gender, .birthDate, .annualIncome, .premiumBudget, .createdAt, .forgotten}) AS members
  }
  RETURN h {.id, .name, .advisorId, .createdAt, .crossSellScore, .totalGap, .crossSell} AS household, members
}
RETURN stale, total, household, members
