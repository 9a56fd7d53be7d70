// Which of these households are assigned to the advisor. Nothing for an advisor whose record
// says LEFT: it reads nothing, whatever its token says.
OPTIONAL MATCH (gone:Advisor {advisorId: $advisorId, status: 'LEFT'})
WITH gone
WHERE gone IS NULL
UNWIND $ids AS id
MATCH (h:Household {id: id})
WHERE h.advisorId = $advisorId
RETURN h.id AS id
