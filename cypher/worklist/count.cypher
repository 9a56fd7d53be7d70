// How many current items an advisor's work-list has (the same ranges as page.cypher, no
// cursor; COVERAGE_GAP items are always current and counted from the index alone).
UNWIND $kinds AS kind
CALL (kind) {
  CALL (kind) {
    MATCH (w:WorkItem)
    WHERE w.advisorId = $advisorId AND w.kind = kind AND w.monthDay IN coalesce($monthDays[kind], [])
      AND w.validFrom <= $today
    RETURN count(w) AS n
    UNION ALL
    MATCH (w:WorkItem)
    WHERE kind = 'COVERAGE_GAP' AND w.advisorId = $advisorId AND w.kind = kind AND w.score IS NOT NULL
    RETURN count(w) AS n
    UNION ALL
    MATCH (w:WorkItem)
    WHERE w.advisorId = $advisorId AND w.kind = kind AND w.validFrom >= $from[kind] AND w.validFrom <= $today
      AND w.validTo >= $today
    RETURN count(w) AS n
  }
  RETURN sum(n) AS n
}
RETURN sum(n) AS total
