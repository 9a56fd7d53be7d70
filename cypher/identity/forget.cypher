// Erase a person: tombstone and delete its identifiers (and so their evidence), drop its
// device uses, aliases and attributes; the node stays as an anonymous placeholder so
// family links, policies and invitations keep their shape.
MATCH (p:Person {oneId: $oneId})
CALL (p) {
  OPTIONAL MATCH (p)<-[:IDENTIFIES]-(i:Identifier)
  WITH collect(i) AS ids
  FOREACH (i IN ids | MERGE (:ErasedIdentifier {key: i.key}))
  FOREACH (i IN ids | DETACH DELETE i)
  RETURN size(ids) AS erased
}
CALL (p) {
  OPTIONAL MATCH (p)-[u:USES_DEVICE]->()
  DELETE u
}
CALL (p) {
  OPTIONAL MATCH (a:Alias)-[:ALIAS_OF]->(p)
  DETACH DELETE a
}
SET p.forgotten = true, p.forgottenAt = $at, p.gender = 'UNKNOWN'
REMOVE p.displayName, p.displayNameAt, p.genderAt, p.birthDate, p.birthDateAt, p.annualIncome, p.annualIncomeAt
RETURN p.oneId AS oneId, erased
