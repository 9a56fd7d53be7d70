// The people whose stored customer state a write may have changed, near the touched people:
// those that are still people (a merged-away OneID is an alias now) and their parents by
// family link (PARENT_OF_YOUNG_CHILD reads the children's birth dates); each once, sorted (the
// order locks are taken in). Referral ancestors come separately (ancestors.cypher), only for
// people whose influence changed.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
CALL (p) {
  RETURN p AS t
  UNION
  MATCH (t:Person)-[:PARENT_OF]->(p)
  RETURN t
}
WITH DISTINCT t.oneId AS oneId
RETURN oneId ORDER BY oneId
