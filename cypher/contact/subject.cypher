// Whose data a reveal or an export asks for: the live person behind $oneId (a merged-away
// OneID resolves to its survivor), whether it was erased, the types of identifiers it holds,
// its household's advisor (and whether that advisor's record says LEFT), whether the caller's
// own OneID ($self, a CUSTOMER's sub; null otherwise) resolves to the same person, and every
// consent statement (the one in force per scope is chosen in TypeScript). No row: unknown.
OPTIONAL MATCH (direct:Person {oneId: $oneId})
OPTIONAL MATCH (:Alias {oneId: $oneId})-[:ALIAS_OF]->(aliased:Person)
WITH coalesce(direct, aliased) AS p
WHERE p IS NOT NULL
OPTIONAL MATCH (selfDirect:Person {oneId: $self})
OPTIONAL MATCH (:Alias {oneId: $self})-[:ALIAS_OF]->(selfAliased:Person)
WITH p, coalesce(selfDirect, selfAliased) AS me
OPTIONAL MATCH (p)-[:MEMBER_OF]->(h:Household)
OPTIONAL MATCH (a:Advisor {advisorId: h.advisorId})
RETURN p.oneId AS oneId,
       coalesce(p.forgotten, false) AS forgotten,
       me IS NOT NULL AND me = p AS isSelf,
       h.advisorId AS advisorId,
       coalesce(a.status, 'ACTIVE') = 'LEFT' AS advisorLeft,
       COLLECT { MATCH (p)<-[:IDENTIFIES]-(i:Identifier) RETURN DISTINCT i.type } AS types,
       COLLECT { MATCH (c:Consent)-[:CONSENT_OF]->(p) RETURN c {.id, .scope, .granted, .at, .source} } AS consents
