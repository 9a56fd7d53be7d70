// Every consent statement of each person (the one in force per scope is chosen in TypeScript).
UNWIND $oneIds AS oneId
MATCH (c:Consent)-[:CONSENT_OF]->(:Person {oneId: oneId})
RETURN oneId, c {.id, .scope, .granted, .at, .source} AS consent
