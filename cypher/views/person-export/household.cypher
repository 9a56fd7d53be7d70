// Person export: the person's household (at most one) with its role and advisor.
MATCH (:Person {oneId: $oneId})-[m:MEMBER_OF]->(h:Household)
RETURN h.id AS id, h.name AS name, h.advisorId AS advisorId, m.role AS role, m.since AS since
