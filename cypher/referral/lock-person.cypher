// Take a person's write lock for the rest of the transaction (a merged-away OneID locks
// its survivor); returns the surviving OneID. Serializes acceptances that touch the person.
OPTIONAL MATCH (direct:Person {oneId: $oneId})
OPTIONAL MATCH (:Alias {oneId: $oneId})-[:ALIAS_OF]->(aliased:Person)
WITH coalesce(direct, aliased) AS p
WHERE p IS NOT NULL
SET p._lock = true
REMOVE p._lock
RETURN p.oneId AS oneId
