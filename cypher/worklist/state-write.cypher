// Replaces each household's stored work-list state ($states: {householdId, totalGap,
// gapScore, activePremium, asOf, validTo, items}): the household's summary properties and
// its :WorkItem nodes (one per current or future reason to call; see src/worklist/state.ts).
UNWIND $states AS s
MATCH (h:Household {id: s.householdId})
SET h.totalGap = s.totalGap, h.gapScore = s.gapScore, h.activePremium = s.activePremium,
    h.stateAsOf = s.asOf, h.stateValidTo = s.validTo
WITH h, s
CALL (h) {
  MATCH (w:WorkItem {householdId: h.id})
  DELETE w
}
WITH s
UNWIND s.items AS item
CREATE (w:WorkItem)
SET w = item
RETURN count(w) AS items
