// An advisor's stored count classes next to a count of its items by class (the check that
// the stored counts equal a recomputation): rows {key, stored, items}, either may be 0.
CALL () {
  MATCH (c:WorkCount {advisorId: $advisorId})
  RETURN c.key AS key, c.n AS stored, 0 AS items
  UNION ALL
  MATCH (w:WorkItem)
  WHERE w.advisorId = $advisorId AND w.countKey IS NOT NULL
  RETURN w.countKey AS key, 0 AS stored, 1 AS items
}
RETURN key, sum(stored) AS stored, sum(items) AS items
ORDER BY key
