// Keep one consent statement (history: statements are never overwritten) of a live person.
// MERGE on the id: a concurrent twin with the same id creates nothing more.
MATCH (p:Person {oneId: $oneId})
MERGE (c:Consent {id: $consent.id})
ON CREATE SET c.scope = $consent.scope, c.granted = $consent.granted, c.at = $consent.at, c.source = $consent.source,
              c.recordedAt = $recordedAt, c.recordedBy = $recordedBy
MERGE (c)-[:CONSENT_OF]->(p)
RETURN c {.id, .scope, .granted, .at, .source} AS consent
