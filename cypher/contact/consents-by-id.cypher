// Consent statements by their client-chosen ids, each with the live person it belongs to now.
UNWIND $ids AS id
MATCH (c:Consent {id: id})
OPTIONAL MATCH (c)-[:CONSENT_OF]->(p:Person)
RETURN c {.id, .scope, .granted, .at, .source} AS consent, p.oneId AS oneId
