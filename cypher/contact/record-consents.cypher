// Keep consent statements (history: statements are never overwritten) of live people.
// MERGE on the id: a concurrent twin with the same id creates nothing more. A row whose
// person is not a live Person returns nothing.
// $rows: [{oneId, consent: {id, scope, granted, at, source}}]
UNWIND $rows AS row
MATCH (p:Person {oneId: row.oneId})
MERGE (c:Consent {id: row.consent.id})
ON CREATE SET c.scope = row.consent.scope, c.granted = row.consent.granted, c.at = row.consent.at, c.source = row.consent.source,
              c.recordedAt = $recordedAt, c.recordedBy = $recordedBy
MERGE (c)-[:CONSENT_OF]->(p)
RETURN c {.id, .scope, .granted, .at, .source} AS consent
