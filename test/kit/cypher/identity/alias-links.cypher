// Test kit: the relationships of the Alias node $oneId (a merged-away OneID) other than its
// ALIAS_OF link to the survivor, one row each: after a merge there should be none.
MATCH (a:Alias {oneId: $oneId})-[r]-()
WHERE type(r) <> 'ALIAS_OF'
RETURN type(r) AS type
