// Live people by OneID; a merged-away OneID resolves to its survivor.
UNWIND $oneIds AS oneId
OPTIONAL MATCH (direct:Person {oneId: oneId})
OPTIONAL MATCH (:Alias {oneId: oneId})-[:ALIAS_OF]->(aliased:Person)
WITH oneId, coalesce(direct, aliased) AS p
WHERE p IS NOT NULL
RETURN oneId AS requested, p {.*} AS person
