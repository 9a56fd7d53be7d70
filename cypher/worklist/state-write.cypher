// Replaces each household's stored work-list state ($states: {householdId, totalGap,
// gapScore, crossSellScore, activePremium, asOf, validTo, items}): the household's summary
// properties and its :WorkItem nodes (one per current or future reason to call; see
// src/worklist/state.ts). Returns the count classes of the items it removed (one row per
// removed item that had one), for the stored counts (counts-apply).
UNWIND $states AS s
MATCH (h:Household {id: s.householdId})
SET h.totalGap = s.totalGap, h.gapScore = s.gapScore, h.crossSellScore = s.crossSellScore,
    h.activePremium = s.activePremium, h.stateAsOf = s.asOf, h.stateValidTo = s.validTo
WITH h, s
CALL (h) {
  MATCH (w:WorkItem {householdId: h.id})
  WITH w, w.countKey AS countKey
  DELETE w
  RETURN collect(countKey) AS removed
}
CALL (s) {
  UNWIND s.items AS item
  CREATE (w:WorkItem)
  SET w = item
  RETURN count(w) AS created
}
UNWIND removed AS countKey
RETURN countKey
