// Test kit: the stored households among $householdIds, with the advisorId each is assigned
// to (null: none). An unknown id gives no row.
UNWIND $householdIds AS id
MATCH (h:Household {id: id})
RETURN id, h.advisorId AS advisorId
