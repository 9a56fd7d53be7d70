// Assign (or reassign) the household's advisor; no row for an unknown household.
MATCH (h:Household {id: $householdId})
SET h.advisorId = $advisorId
RETURN h {.*} AS household
