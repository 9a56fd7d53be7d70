// Writes what changed in households' stored work-list state ($states: {householdId, summary,
// remove, put}; computed by src/worklist/diff.ts): `summary` (null when unchanged) replaces the
// household's state properties (totalGap, gapScore, crossSellScore, crossSell, activePremium, stateAsOf,
// stateValidTo, stateHash), `remove` are keys of :WorkItem nodes to delete, `put` are items to
// create or replace by key. Households with nothing changed are not sent.
UNWIND $states AS s
MATCH (h:Household {id: s.householdId})
CALL (h, s) {
  WITH h, s
  WHERE s.summary IS NOT NULL
  SET h += s.summary
}
CALL (h, s) {
  MATCH (w:WorkItem {householdId: h.id})
  WHERE w.key IN s.remove
  DELETE w
}
CALL (h, s) {
  UNWIND s.put AS item
  OPTIONAL MATCH (w:WorkItem {householdId: h.id, key: item.key})
  CALL (w, item) {
    WITH w, item
    WHERE w IS NULL
    CREATE (n:WorkItem)
    SET n = item
  }
  CALL (w, item) {
    WITH w, item
    WHERE w IS NOT NULL
    SET w = item
  }
}
RETURN count(*) AS households
