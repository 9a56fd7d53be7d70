// One page of an advisor's work-list, kind by kind through the indexes: BIRTHDAY by month-day
// in today's window ($monthDays[kind], empty for other kinds); COVERAGE_GAP (always current,
// date today) in score order straight from (advisorId, kind, score); the others by validFrom
// in [$from[kind], $today] (today minus the kind's window; '9999-12-31' for the two above) and
// validTo >= today. After the cursor, $limit per kind; then the best $limit of those.
// date: BIRTHDAY the birthday in the window ($birthdays: month-day -> date), COVERAGE_GAP
// today, else the stored date. Ties: date, then key (ascending).
UNWIND $kinds AS kind
CALL (kind) {
  CALL (kind) {
    MATCH (w:WorkItem)
    WHERE w.advisorId = $advisorId AND w.kind = kind AND w.monthDay IN coalesce($monthDays[kind], [])
    RETURN w, $birthdays[w.monthDay] AS date
    UNION
    MATCH (w:WorkItem)
    WHERE kind = 'COVERAGE_GAP' AND w.advisorId = $advisorId AND w.kind = kind AND w.score <= $afterScore
      AND (w.score < $afterScore OR $today > $afterDate OR ($today = $afterDate AND w.key > $afterKey))
    WITH w ORDER BY w.score DESC, w.key LIMIT toInteger($limit)
    RETURN w, $today AS date
    UNION
    MATCH (w:WorkItem)
    WHERE w.advisorId = $advisorId AND w.kind = kind AND w.validFrom >= $from[kind] AND w.validFrom <= $today
    RETURN w, w.date AS date
  }
  WITH w, date
  WHERE w.validFrom <= $today AND w.validTo >= $today
    AND (w.score < $afterScore OR (w.score = $afterScore AND (date > $afterDate OR (date = $afterDate AND w.key > $afterKey))))
  RETURN w, date
  ORDER BY w.score DESC, date, w.key
  LIMIT toInteger($limit)
}
RETURN w {.key, .kind, .householdId, .oneId, .score, .policyNo, .invitationId} AS item, date
ORDER BY item.score DESC, date, item.key
LIMIT toInteger($limit)
