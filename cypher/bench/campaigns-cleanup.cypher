// Benchmark only (bench/campaigns.ts, against an external NEO4J_URI): delete one run's
// invitations, cost entries, campaigns, people and households (ids starting with $prefix),
// a bounded batch of each per call; returns how many nodes went.
CALL {
  MATCH (i:Invitation) WHERE i.id STARTS WITH $prefix
  WITH i LIMIT toInteger($limit)
  DETACH DELETE i
  RETURN count(*) AS invitations
}
CALL {
  MATCH (e:CampaignCost) WHERE e.id STARTS WITH $prefix
  WITH e LIMIT toInteger($limit)
  DETACH DELETE e
  RETURN count(*) AS costs
}
CALL {
  MATCH (c:Campaign) WHERE c.id STARTS WITH $prefix
  WITH c LIMIT toInteger($limit)
  DETACH DELETE c
  RETURN count(*) AS campaigns
}
CALL {
  MATCH (p:Person) WHERE p.oneId STARTS WITH $prefix
  WITH p LIMIT toInteger($limit)
  DETACH DELETE p
  RETURN count(*) AS persons
}
CALL {
  MATCH (h:Household) WHERE h.id STARTS WITH $prefix
  WITH h LIMIT toInteger($limit)
  DETACH DELETE h
  RETURN count(*) AS households
}
RETURN invitations + costs + campaigns + persons + households AS deleted
