// Test kit: the households any of the people $oneIds belong to, each with those of them
// that are members, as "oneId:role".
MATCH (p:Person)-[m:MEMBER_OF]->(h:Household)
WHERE p.oneId IN $oneIds
WITH h, collect(p.oneId + ':' + m.role) AS members
RETURN h.id AS household, members
