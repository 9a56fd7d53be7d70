// Test kit: every family link (PARENT_OF, SPOUSE_OF, SIBLING_OF) between two of the people
// $oneIds, as stored: from a to b.
MATCH (a:Person)-[r:PARENT_OF|SPOUSE_OF|SIBLING_OF]->(b:Person)
WHERE a.oneId IN $oneIds AND b.oneId IN $oneIds
RETURN a.oneId AS a, type(r) AS type, b.oneId AS b
