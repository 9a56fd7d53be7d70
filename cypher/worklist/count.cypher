// How many current items an advisor's work-list has (same filter as page.cypher, no cursor).
UNWIND $kinds AS kind
CALL (kind) {
  MATCH (w:WorkItem)
  WHERE w.advisorId = $advisorId AND w.kind = kind AND w.validFrom <= $today AND w.validTo >= $today
    AND (kind <> 'BIRTHDAY' OR w.monthDay IN $monthDays)
  RETURN count(w) AS n
}
RETURN sum(n) AS total
