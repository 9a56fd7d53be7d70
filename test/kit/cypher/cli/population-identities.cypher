// Test kit: what an import stored for a population: how many of the identifiers with keys
// $keys exist, the people they identify (oneIds, and how many), and how many of the events
// $eventIds were recorded.
UNWIND $keys AS k
MATCH (i:Identifier {key: k})
OPTIONAL MATCH (i)-[:IDENTIFIES]->(p:Person)
WITH count(DISTINCT i) AS identifiers, collect(DISTINCT p.oneId) AS oneIds
OPTIONAL MATCH (e:IdentityEvent) WHERE e.eventId IN $eventIds
RETURN identifiers, size(oneIds) AS persons, oneIds, count(e) AS events
