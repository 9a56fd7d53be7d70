// Test kit: the relationships touching the people $oneIds (but IDENTIFIES), counted per type.
MATCH (p:Person)-[r]-(x)
WHERE p.oneId IN $oneIds AND type(r) <> 'IDENTIFIES'
RETURN type(r) AS type, count(DISTINCT r) AS n
