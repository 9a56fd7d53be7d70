// Shortest chain of non-blocked evidence between two identifiers of one person.
MATCH (a:Identifier {key: $a}), (b:Identifier {key: $b})
MATCH path = shortestPath((a)-[:EVIDENCE*..64]-(b))
WHERE all(r IN relationships(path) WHERE NOT r.blocked)
RETURN [n IN nodes(path) | n {.key, .type, .namespace, .masked, .shared, .firstSeenAt, .lastSeenAt}] AS nodes,
       [r IN relationships(path) | r {.eventId, .source, .observedAt}] AS links
