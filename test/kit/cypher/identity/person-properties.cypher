// Test kit: every stored property of the Person node $oneId (no row when there is none; a
// merged-away OneID is an Alias, not a Person).
MATCH (p:Person {oneId: $oneId})
RETURN properties(p) AS properties
