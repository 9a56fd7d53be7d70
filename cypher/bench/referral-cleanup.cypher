// Benchmark only (bench/referral.ts, against an external NEO4J_URI): delete one run's
// invitations and people, a bounded batch per call; returns how many nodes went.
CALL {
  MATCH (i:Invitation) WHERE i.campaign = $campaign
  WITH i LIMIT toInteger($limit)
  DETACH DELETE i
  RETURN count(*) AS invitations
}
CALL {
  MATCH (p:Person) WHERE p.oneId STARTS WITH $prefix
  WITH p LIMIT toInteger($limit)
  DETACH DELETE p
  RETURN count(*) AS persons
}
RETURN invitations + persons AS deleted
