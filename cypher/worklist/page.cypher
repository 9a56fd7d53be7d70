// One page of an advisor's work-list with what its fields read, in one row:
// - `stale`: the advisor's households whose stored state was computed for another day than
//   $today (an age or a trigger window changed since, or the clock moved back); when there
//   are any, the caller refreshes them and reads again (the other columns are then empty);
// - `total`: the current items of $kinds, summed from the stored count classes (classes from
//   0000-01-01 or from $countFrom to $today, current today; BIRTHDAY's month-day in today's
//   window $monthDays);
// - `items`: the best $limit after the cursor. Per kind the items are read in rank order from
//   the index (advisorId, kind, score, validFrom, validTo), so a page reads about $limit
//   entries per kind whatever the book's size; BIRTHDAY keeps those whose month-day is in the
//   window. date: BIRTHDAY the birthday in the window ($birthdays: month-day -> date),
//   COVERAGE_GAP $today, else the stored date. Order: score descending, then date, then key;
// - `households`: each household of the page once (it must still be the advisor's), with its
//   members (the persons the items and their suggestions name);
// - `policies`: the items' policies with holder and insured.
// Row 0 holds stale, total, items and policies; each household comes in a row of its own
// after it (`household`), which keeps each Bolt record small: the driver decodes the strings
// of a record that spans many chunks much more slowly.
CALL () {
  CALL () {
    MATCH (h:Household) WHERE h.advisorId = $advisorId AND h.stateValidTo <= $today
    RETURN h.id AS id
    UNION
    MATCH (h:Household) WHERE h.advisorId = $advisorId AND h.stateAsOf > $today
    RETURN h.id AS id
  }
  WITH id ORDER BY id LIMIT 10000
  RETURN collect(id) AS stale
}
CALL (stale) {
  WITH stale WHERE size(stale) = 0
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
CALL (stale) {
  WITH stale WHERE size(stale) = 0
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
  RETURN collect({item: w {.key, .kind, .householdId, .oneId, .score, .policyNo, .invitationId, .suggestions}, date: date}) AS items
}
CALL (items) {
  UNWIND items AS i
  WITH DISTINCT i.item.householdId AS id
  MATCH (h:Household {id: id})
  WHERE h.advisorId = $advisorId
  CALL (h) {
    MATCH (p:Person)-[:MEMBER_OF]->(h)
    RETURN collect(p {.oneId, .displayName, .gender, .birthDate, .annualIncome, .premiumBudget, .createdAt, .forgotten}) AS members
  }
  RETURN collect({household: h {.id, .name, .advisorId, .createdAt, .totalGap}, members: members}) AS households
}
CALL (items) {
  UNWIND items AS i
  MATCH (holder:Person)<-[:HELD_BY]-(pol:Policy {policyNo: i.item.policyNo})-[:INSURES]->(insured:Person)
  RETURN collect({policy: pol {.policyNo, .productType, .sumAssured, .annualPremium, .status, .startDate, .endDate}, holder: holder.oneId, insured: insured.oneId}) AS policies
}
UNWIND range(0, size(households)) AS row
RETURN CASE row WHEN 0 THEN stale END AS stale, CASE row WHEN 0 THEN total END AS total,
       CASE row WHEN 0 THEN items END AS items, CASE row WHEN 0 THEN policies END AS policies,
       CASE WHEN row > 0 THEN households[row - 1] END AS household
