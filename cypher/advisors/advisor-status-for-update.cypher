// The current status of $advisorId inside a write transaction: the stored status (its record
// is write-locked until commit, so a concurrent upsert cannot make it LEFT meanwhile), ACTIVE
// for an advisorId that households reference but that was never upserted, null when unknown.
OPTIONAL MATCH (a:Advisor {advisorId: $advisorId})
CALL (a) {
  WITH a WHERE a IS NOT NULL
  SET a.advisorLock = true
  REMOVE a.advisorLock
}
RETURN CASE
  WHEN a IS NOT NULL THEN a.status
  WHEN EXISTS { MATCH (:Household {advisorId: $advisorId}) } THEN 'ACTIVE'
  ELSE null
END AS status
