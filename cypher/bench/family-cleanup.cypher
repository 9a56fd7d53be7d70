// Benchmark only (bench/family.ts on an external NEO4J_URI): delete up to $limit of one
// run's synthetic households with their members and the members' identifiers.
MATCH (h:Household) WHERE h.id STARTS WITH $run
WITH h LIMIT toInteger($limit)
OPTIONAL MATCH (h)<-[:MEMBER_OF]-(p:Person)
OPTIONAL MATCH (p)<-[:IDENTIFIES]-(i:Identifier)
WITH collect(DISTINCT h) AS hs, collect(DISTINCT p) AS ps, collect(DISTINCT i) AS is
FOREACH (x IN is | DETACH DELETE x)
FOREACH (x IN ps | DETACH DELETE x)
FOREACH (x IN hs | DETACH DELETE x)
RETURN size(hs) AS deleted
