// Erase a person: tombstone and delete its identifiers (and so their evidence), drop its
// device uses, aliases, attributes, its own life events, interactions and tags (personal data; someone else's
// event naming it as partner keeps the placeholder); the node stays as an anonymous
// placeholder so family links, policies and invitations keep their shape. Person-less identifiers that
// were only ever seen with this person (values over a limit: shared, owned by nobody) are
// its data too and are erased with it. Its data keys are deleted (wrapped material and all),
// so no copy of the database can decrypt what it held; its consents go too. Tombstones record
// the erasure time: they block only events observed at or before it.
OPTIONAL MATCH (direct:Person {oneId: $oneId})
OPTIONAL MATCH (:Alias {oneId: $oneId})-[:ALIAS_OF]->(aliased:Person)
WITH coalesce(direct, aliased) AS p
WHERE p IS NOT NULL
CALL (p) {
  OPTIONAL MATCH (p)<-[:IDENTIFIES]-(i:Identifier)
  WITH collect(i) AS ids
  CALL (ids) {
    UNWIND ids AS i
    MATCH (i)-[:EVIDENCE]-(o:Identifier)
    WHERE NOT (o)-[:IDENTIFIES]->(:Person) AND NOT o IN ids
      AND all(x IN COLLECT { MATCH (o)-[:EVIDENCE]-(x:Identifier) RETURN x } WHERE x IN ids)
    RETURN collect(DISTINCT o) AS orphans
  }
  WITH ids + orphans AS erased
  FOREACH (i IN erased | MERGE (t:ErasedIdentifier {key: i.key}) SET t.erasedAt = $at)
  FOREACH (i IN erased | DETACH DELETE i)
  RETURN size(erased) AS erased
}
CALL (p) {
  OPTIONAL MATCH (p)-[u:USES_DEVICE]->()
  DELETE u
}
CALL (p) {
  OPTIONAL MATCH (a:Alias)-[:ALIAS_OF]->(p)
  DETACH DELETE a
}
CALL (p) {
  OPTIONAL MATCH (e:LifeEvent)-[:OF]->(p)
  DETACH DELETE e
}
CALL (p) {
  OPTIONAL MATCH (i:Interaction)-[:BY]->(p)
  DETACH DELETE i
}
CALL (p) {
  OPTIONAL MATCH (p)-[t:TAGGED]->(:Tag)
  DELETE t
}
CALL (p) {
  OPTIONAL MATCH (c:Consent)-[:CONSENT_OF]->(p)
  DETACH DELETE c
}
CALL (p) {
  OPTIONAL MATCH (k:DataKey)-[:KEY_OF]->(p)
  WITH collect(k) AS keys
  WITH keys, [k IN keys | k.id] AS ids
  FOREACH (k IN keys | DETACH DELETE k)
  RETURN ids AS dataKeyIds
}
SET p.forgotten = true, p.forgottenAt = $at, p.gender = 'UNKNOWN'
REMOVE p.displayName, p.displayNameAt, p.genderAt, p.birthDate, p.birthDateAt, p.annualIncome, p.annualIncomeAt,
       p.premiumBudget, p.premiumBudgetAt, p.splitReason, p.dataKeyId
RETURN p.oneId AS oneId, erased, dataKeyIds
