// Which of these households are assigned to the advisor.
UNWIND $ids AS id
MATCH (h:Household {id: id})
WHERE h.advisorId = $advisorId
RETURN h.id AS id
