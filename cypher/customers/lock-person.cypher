// Write-locks one person for a change of its manual tags; returns its manual tags and whether
// it was erased (nothing when the OneID is no person's).
MATCH (p:Person {oneId: $oneId})
SET p.cvLock = coalesce(p.cvLock, 0) + 1
RETURN p.oneId AS oneId, coalesce(p.forgotten, false) AS forgotten,
       COLLECT { MATCH (p)-[:TAGGED {source: 'MANUAL'}]->(t:Tag) RETURN t.name } AS manual
