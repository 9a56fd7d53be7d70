// Brings each household's stored work-list state to what was just computed ($states:
// {householdId, hash, totalGap, gapScore, crossSellScore, activePremium, asOf, validTo,
// items}; see src/worklist/state.ts), writing only what changed: the household's summary
// properties when their hash differs, its :WorkItem nodes by key (items no longer there are
// deleted, new ones created, changed ones, by their hash, replaced). Returns per household the
// count classes of the items it removed or replaced and of those it added or replaced, for
// the stored counts (counts-apply).
UNWIND $states AS s
MATCH (h:Household {id: s.householdId})
CALL (h, s) {
  WITH h, s
  WHERE coalesce(h.stateHash, '') <> s.hash
  SET h.totalGap = s.totalGap, h.gapScore = s.gapScore, h.crossSellScore = s.crossSellScore,
      h.activePremium = s.activePremium, h.stateAsOf = s.asOf, h.stateValidTo = s.validTo, h.stateHash = s.hash
}
CALL (h, s) {
  MATCH (w:WorkItem {householdId: h.id})
  WHERE NOT w.key IN [i IN s.items | i.key]
  WITH w, w.countKey AS countKey
  DELETE w
  RETURN collect(countKey) AS removed
}
CALL (h, s) {
  UNWIND s.items AS item
  OPTIONAL MATCH (w:WorkItem {householdId: h.id, key: item.key})
  WITH item, w
  WHERE w IS NULL OR coalesce(w.hash, '') <> item.hash
  CALL (item, w) {
    WITH item, w
    WHERE w IS NULL
    CREATE (n:WorkItem)
    SET n = item
    RETURN null AS old
    UNION ALL
    WITH item, w
    WHERE w IS NOT NULL
    WITH item, w, w.countKey AS old
    SET w = item
    RETURN old
  }
  RETURN collect(item.countKey) AS added, collect(old) AS replaced
}
RETURN removed + replaced AS removed, added
