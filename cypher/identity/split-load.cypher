// A person's identifiers and the evidence among them, for a split.
MATCH (x:Identifier {key: $key})-[:IDENTIFIES]->(p:Person)
MATCH (p)<-[:IDENTIFIES]-(i:Identifier)
WITH p, collect(i {.key, .firstSeenAt}) AS identifiers
OPTIONAL MATCH (p)<-[:IDENTIFIES]-(a:Identifier)-[e:EVIDENCE]->(b:Identifier)-[:IDENTIFIES]->(p)
RETURN p {.*} AS person, identifiers,
       collect(CASE WHEN e IS NULL THEN null ELSE {a: a.key, b: b.key, blocked: e.blocked} END) AS links
