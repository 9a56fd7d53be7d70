// The person a (non-shared) identifier resolves to.
MATCH (i:Identifier {key: $key})-[:IDENTIFIES]->(p:Person)
WHERE NOT i.shared
RETURN p {.*} AS person
