// Life events by id, with the live person each happened to and its partner (identity
// merges move the OF and PARTNER links, so they point at survivors).
UNWIND $ids AS id
MATCH (e:LifeEvent {id: id})-[:OF]->(p:Person)
OPTIONAL MATCH (e)-[:PARTNER]->(partner:Person)
RETURN e {.id, .kind, .date, .source, .recordedAt, .contentKey} AS event, p {.*} AS person, partner {.*} AS partner
