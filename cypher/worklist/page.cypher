// One page of an advisor's work-list with what its fields read, in one row: `total`, the
// current items of $kinds summed from the stored count classes (classes from 0000-01-01 or
// from $countFrom to $today, current today; BIRTHDAY's month-day in today's window
// $monthDays), and `items`, the best toInteger($limit) after the cursor. Per kind the items are read in
// rank order from the index (advisorId, kind, score, validFrom, validTo), so the page reads
// about toInteger($limit) entries per kind whatever the book's size; BIRTHDAY keeps those whose
// month-day is in the window. date: BIRTHDAY the birthday in the window ($birthdays:
// month-day -> date), COVERAGE_GAP $today, else the stored date. Order: score descending,
// then date, then key. With each item: its household, the household's members (the persons
// its fields and suggestions name) and its policy with holder and insured.
CALL () {
  UNWIND $kinds AS kind
  CALL (kind) {
    MATCH (c:WorkCount)
    WHERE c.advisorId = $advisorId AND c.kind = kind AND c.validFrom = '0000-01-01'
    RETURN c
    UNION
    MATCH (c:WorkCount)
    WHERE c.advisorId = $advisorId AND c.kind = kind AND c.validFrom >= $countFrom AND c.validFrom <= $today
    RETURN c
  }
  WITH c
  WHERE c.validTo >= $today AND (c.kind <> 'BIRTHDAY' OR c.monthDay IN $monthDays)
  RETURN sum(c.n) AS total
}
CALL () {
  UNWIND $kinds AS kind
  CALL (kind) {
    MATCH (w:WorkItem) USING INDEX w:WorkItem(advisorId, kind, score, validFrom, validTo)
    WHERE w.advisorId = $advisorId AND w.kind = kind AND w.score <= $afterScore
      AND w.validFrom <= $today AND w.validTo >= $today
    WITH w, kind
    WHERE kind <> 'BIRTHDAY' OR w.monthDay IN $monthDays
    WITH w, CASE kind WHEN 'BIRTHDAY' THEN $birthdays[w.monthDay] WHEN 'COVERAGE_GAP' THEN $today ELSE w.date END AS date
    WHERE w.score < $afterScore OR date > $afterDate OR (date = $afterDate AND w.key > $afterKey)
    RETURN w, date
    ORDER BY w.advisorId DESC, w.kind DESC, w.score DESC, date, w.key
    LIMIT toInteger($limit)
  }
  WITH w, date
  ORDER BY w.score DESC, date, w.key
  LIMIT toInteger($limit)
  MATCH (h:Household {id: w.householdId})
  CALL (h) {
    MATCH (p:Person)-[:MEMBER_OF]->(h)
    RETURN collect(p {.oneId, .displayName, .gender, .birthDate, .annualIncome, .premiumBudget, .createdAt, .forgotten}) AS members
  }
  CALL (w) {
    OPTIONAL MATCH (holder:Person)<-[:HELD_BY]-(pol:Policy {policyNo: w.policyNo})-[:INSURES]->(insured:Person)
    RETURN CASE WHEN pol IS NULL THEN null ELSE {policy: pol {.*}, holder: holder.oneId, insured: insured.oneId} END AS policy
  }
  RETURN collect({item: w {.key, .kind, .householdId, .oneId, .score, .policyNo, .invitationId, .suggestions}, date: date,
                  household: h {.id, .name, .advisorId, .createdAt}, members: members, policy: policy}) AS items
}
RETURN total, items
