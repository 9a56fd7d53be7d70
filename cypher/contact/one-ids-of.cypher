// Every OneID of the person behind $oneId: its live OneID and the OneIDs merged into it (an
// access-log entry names the surviving OneID at the time, so a person's log spans them all).
// No row: unknown.
OPTIONAL MATCH (direct:Person {oneId: $oneId})
OPTIONAL MATCH (:Alias {oneId: $oneId})-[:ALIAS_OF]->(aliased:Person)
WITH coalesce(direct, aliased) AS p
WHERE p IS NOT NULL
RETURN [p.oneId] + COLLECT { MATCH (a:Alias)-[:ALIAS_OF]->(p) RETURN a.oneId } AS oneIds
