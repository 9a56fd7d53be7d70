// The people whose stored customer state a write may have changed: the touched people that
// are still people (a merged-away OneID is an alias now), every ancestor of theirs in the
// referral tree (influence is the premium of the whole tree below a person) and their parents
// by family link (PARENT_OF_YOUNG_CHILD reads the children's birth dates); each once, sorted
// (the order locks are taken in).
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
CALL (p) {
  RETURN p AS t
  UNION
  MATCH (t:Person)-[:REFERRED*1..10000]->(p)
  RETURN t
  UNION
  MATCH (t:Person)-[:PARENT_OF]->(p)
  RETURN t
}
WITH DISTINCT t.oneId AS oneId
RETURN oneId ORDER BY oneId
