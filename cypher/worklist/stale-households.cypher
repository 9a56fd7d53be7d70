// An advisor's households whose stored state was computed for another day than $today and
// may differ today (an age or a trigger window changed since, or the clock moved back).
CALL () {
  MATCH (h:Household) WHERE h.advisorId = $advisorId AND h.stateValidTo <= $today
  RETURN h.id AS id
  UNION
  MATCH (h:Household) WHERE h.advisorId = $advisorId AND h.stateAsOf > $today
  RETURN h.id AS id
}
RETURN id ORDER BY id LIMIT 10000
