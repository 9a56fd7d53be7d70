// Take the write locks of many persons for the rest of the transaction, in the order given
// (callers sort $oneIds); a merged-away OneID locks its survivor. Returns each requested
// OneID with its surviving OneID (unknown ones return nothing).
UNWIND $oneIds AS oneId
OPTIONAL MATCH (direct:Person {oneId: oneId})
OPTIONAL MATCH (:Alias {oneId: oneId})-[:ALIAS_OF]->(aliased:Person)
WITH oneId, coalesce(direct, aliased) AS p
WHERE p IS NOT NULL
SET p._lock = true
REMOVE p._lock
RETURN oneId, p.oneId AS survivor
