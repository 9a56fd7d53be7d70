// The life events of each person ($oneIds; a merged-away OneID finds its survivor's, since
// identity merges move the OF links), with the partner, newest first: by date, then
// recordedAt (both descending), then id. Reached from the person through its OF links.
UNWIND $oneIds AS oneId
OPTIONAL MATCH (direct:Person {oneId: oneId})
OPTIONAL MATCH (:Alias {oneId: oneId})-[:ALIAS_OF]->(aliased:Person)
WITH oneId, coalesce(direct, aliased) AS p
WHERE p IS NOT NULL
MATCH (e:LifeEvent)-[:OF]->(p)
OPTIONAL MATCH (e)-[:PARTNER]->(partner:Person)
RETURN oneId, e {.id, .kind, .date, .source, .recordedAt, .contentKey} AS event, p {.*} AS person, partner {.*} AS partner
ORDER BY oneId, e.date DESC, e.recordedAt DESC, e.id
