// Assign these households ($ids) to $toAdvisorId the way family's assign-advisor does (the
// household's advisorId property). Returns the ids of the households whose advisor changed.
UNWIND $ids AS id
MATCH (h:Household {id: id})
WHERE h.advisorId IS NULL OR h.advisorId <> $toAdvisorId
SET h.advisorId = $toAdvisorId
RETURN h.id AS id
