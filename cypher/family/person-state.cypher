// What household and family checks need about each person: erased or not, birth date,
// and current household.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
OPTIONAL MATCH (p)-[:MEMBER_OF]->(h:Household)
RETURN oneId, coalesce(p.forgotten, false) AS forgotten, p.birthDate AS birthDate, h.id AS householdId
