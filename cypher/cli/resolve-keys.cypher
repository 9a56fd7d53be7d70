// Scoring a population import: the OneID each identifier key resolves to (shared ones do not resolve).
UNWIND $keys AS key
MATCH (i:Identifier {key: key})-[:IDENTIFIES]->(p:Person)
WHERE NOT i.shared
RETURN key, p.oneId AS oneId
