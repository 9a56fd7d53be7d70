// One page of an advisor's work-list, read through the (advisorId, kind, score) index: per
// kind, its current items (BIRTHDAY: month-day in today's window; COVERAGE_GAP: always;
// others: validFrom <= today <= validTo) in score order after the cursor, $limit each; then
// the best $limit of those. date: BIRTHDAY the birthday in the window ($birthdays: month-day
// -> date), COVERAGE_GAP today, else the stored date. Ties: date, then key (ascending).
UNWIND $kinds AS kind
CALL (kind) {
  MATCH (w:WorkItem)
  WHERE w.advisorId = $advisorId AND w.kind = kind AND w.score <= $afterScore AND w.validFrom <= $today AND w.validTo >= $today
    AND (kind <> 'BIRTHDAY' OR w.monthDay IN $monthDays)
  WITH w, CASE kind WHEN 'BIRTHDAY' THEN $birthdays[w.monthDay] WHEN 'COVERAGE_GAP' THEN $today ELSE w.date END AS date
  WHERE w.score < $afterScore OR date > $afterDate OR (date = $afterDate AND w.key > $afterKey)
  RETURN w, date
  ORDER BY w.score DESC, date, w.key
  LIMIT toInteger($limit)
}
RETURN w {.key, .kind, .householdId, .oneId, .score, .policyNo, .invitationId} AS item, date
ORDER BY item.score DESC, date, item.key
LIMIT toInteger($limit)
