// Record one life event under its client-chosen $id ($kind, $date, $source, $contentKey;
// $person and $partner: OneIDs, $partner null for kinds without one; $at: now). A new id
// creates (:LifeEvent)-[:OF]->(person) and, with a partner, -[:PARTNER]->(partner); an
// existing id is returned unchanged with created = false, for the caller to compare.
// contentKey hashes kind, date and source: the people are compared through the OF and
// PARTNER links, which identity merges move to the survivor. Returns nothing and writes
// nothing when the person or the partner does not exist.
MATCH (p:Person {oneId: $person})
OPTIONAL MATCH (q:Person {oneId: $partner})
WITH p, q
WHERE $partner IS NULL OR q IS NOT NULL
MERGE (e:LifeEvent {id: $id})
ON CREATE SET e.kind = $kind, e.date = $date, e.source = $source, e.contentKey = $contentKey,
              e.recordedAt = $at, e._created = true
WITH e, p, q, coalesce(e._created, false) AS created
REMOVE e._created
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | CREATE (e)-[:OF]->(p))
FOREACH (_ IN CASE WHEN created AND q IS NOT NULL THEN [1] ELSE [] END | CREATE (e)-[:PARTNER]->(q))
WITH e, created
MATCH (e)-[:OF]->(owner:Person)
OPTIONAL MATCH (e)-[:PARTNER]->(partner:Person)
RETURN created, e {.id, .kind, .date, .source, .recordedAt, .contentKey} AS event, owner {.*} AS person, partner {.*} AS partner
