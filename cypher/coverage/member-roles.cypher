// The household role of each person that belongs to a household (at most one).
UNWIND $oneIds AS oneId
MATCH (:Person {oneId: oneId})-[m:MEMBER_OF]->(h:Household)
RETURN oneId, m.role AS role, h.id AS householdId
