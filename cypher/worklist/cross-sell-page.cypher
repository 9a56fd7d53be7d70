// One page of an advisor's crossSellOpportunities from the stored state, in one row: `total`,
// the households with a gap (the advisor's stored COVERAGE_GAP count class, $gapClass), and
// `households`, the best $limit after the cursor, read in rank order from the index
// (advisorId, crossSellScore): score descending, then id (a household without a gap has no
// crossSellScore). Their gaps and triggers are computed from their state inputs.
CALL () {
  OPTIONAL MATCH (c:WorkCount {key: $gapClass})
  RETURN coalesce(c.n, 0) AS total
}
CALL () {
  MATCH (h:Household) USING INDEX h:Household(advisorId, crossSellScore)
  WHERE h.advisorId = $advisorId AND h.crossSellScore <= $afterScore
    AND (h.crossSellScore < $afterScore OR h.id > $afterId)
  WITH h
  ORDER BY h.advisorId DESC, h.crossSellScore DESC, h.id
  LIMIT toInteger($limit)
  RETURN collect(h {.id, .name, .advisorId, .createdAt, .crossSellScore, .totalGap}) AS households
}
RETURN total, households
