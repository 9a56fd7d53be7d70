// People whose stored customer state was computed for another day than $today and may differ
// today (NEW or ACTIVE ran out, a child turned 6, or the clock moved back): $limit of them,
// by OneID.
CALL () {
  MATCH (p:Person) WHERE p.cvValidTo <= $today
  RETURN p.oneId AS oneId
  UNION
  MATCH (p:Person) WHERE p.cvAsOf > $today
  RETURN p.oneId AS oneId
}
RETURN oneId ORDER BY oneId LIMIT toInteger($limit)
