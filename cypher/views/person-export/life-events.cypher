// Person export: the life events of the person, or naming it as partner.
MATCH (e:LifeEvent)-[r:OF|PARTNER]->(:Person {oneId: $oneId})
OPTIONAL MATCH (e)-[:OF]->(of:Person)
OPTIONAL MATCH (e)-[:PARTNER]->(partner:Person)
RETURN DISTINCT e {.id, .kind, .date, .source} AS event, of.oneId AS person, partner.oneId AS partner
ORDER BY event.date, event.id
