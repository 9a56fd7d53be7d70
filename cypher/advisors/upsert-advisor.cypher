// Create or update one advisor ($advisorId). $name / $team are written only when $setName /
// $setTeam (null clears them); $status null keeps the current status (ACTIVE for a new
// advisor). Returns the advisor and, when its status changed (an advisorId that was never
// upserted counts as ACTIVE), the ids of its households, whose derived state depends on it.
OPTIONAL MATCH (before:Advisor {advisorId: $advisorId})
WITH coalesce(before.status, 'ACTIVE') AS previous
MERGE (a:Advisor {advisorId: $advisorId})
  ON CREATE SET a.status = coalesce($status, 'ACTIVE'), a.createdAt = $at
  ON MATCH SET a.status = coalesce($status, a.status)
SET a.name = CASE WHEN $setName THEN $name ELSE a.name END,
    a.team = CASE WHEN $setTeam THEN $team ELSE a.team END,
    a.updatedAt = $at
RETURN a {.*} AS advisor,
       CASE WHEN previous <> a.status THEN COLLECT { MATCH (h:Household {advisorId: $advisorId}) RETURN h.id } ELSE [] END AS households
