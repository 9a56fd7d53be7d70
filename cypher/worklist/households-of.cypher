// The households whose work-list state a write changed: those of the touched people and the
// touched households that exist, each once, sorted (the order locks are taken in).
CALL () {
  UNWIND $oneIds AS oneId
  MATCH (:Person {oneId: oneId})-[:MEMBER_OF]->(h:Household)
  RETURN h.id AS id
  UNION
  UNWIND $householdIds AS hid
  MATCH (h:Household {id: hid})
  RETURN h.id AS id
}
RETURN id ORDER BY id
