// Writes what changed in households' stored work-list state ($states: {householdId, summary,
// remove, put}; computed by src/worklist/diff.ts): `summary` (null when unchanged) replaces the
// household's state properties (totalGap, gapScore, crossSellScore, crossSell, activePremium,
// stateAsOf, stateValidTo, stateHash), `remove` are keys of :WorkItem nodes to delete, `put`
// are items to create or replace by key. Households with nothing changed are not sent.
// Then adds each of $deltas ({key, advisorId, kind, validFrom, validTo, monthDay, delta},
// sorted by key: the order locks are taken in) to its count class, creating a class on its
// first item and deleting it when its count reaches 0 (src/worklist/counts.ts).
CALL () {
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
}
CALL () {
  UNWIND $deltas AS d
  MERGE (c:WorkCount {key: d.key})
    ON CREATE SET c.advisorId = d.advisorId, c.kind = d.kind, c.validFrom = d.validFrom, c.validTo = d.validTo,
                  c.monthDay = d.monthDay, c.n = 0
  SET c.n = c.n + d.delta
  WITH c
  WHERE c.n <= 0
  DELETE c
}
RETURN 1 AS done
