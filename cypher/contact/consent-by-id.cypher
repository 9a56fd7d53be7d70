// A consent statement by its client-chosen id, with the live person it belongs to now.
MATCH (c:Consent {id: $id})
OPTIONAL MATCH (c)-[:CONSENT_OF]->(p:Person)
RETURN c {.id, .scope, .granted, .at, .source} AS consent, p.oneId AS oneId
