// Assign every household of $fromAdvisorId to $toAdvisorId the way family's assign-advisor
// does (the household's advisorId property). Returns the ids of the households moved.
MATCH (h:Household {advisorId: $fromAdvisorId})
WHERE $fromAdvisorId <> $toAdvisorId
SET h.advisorId = $toAdvisorId
RETURN h.id AS id
