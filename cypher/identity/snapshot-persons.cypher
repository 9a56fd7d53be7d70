// People touched by a batch: attributes, every identifier (limits count them), aliases and
// the current data key (wrapped), which seals the values the batch gives them.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
CALL (p) {
  OPTIONAL MATCH (p)<-[:IDENTIFIES]-(i:Identifier)
  RETURN collect(i {.key, .type, .namespace, .masked, .shared, .firstSeenAt, .lastSeenAt, sealed: i.dataKeyId IS NOT NULL}) AS identifiers
}
CALL (p) {
  OPTIONAL MATCH (a:Alias)-[:ALIAS_OF]->(p)
  RETURN collect(a.oneId) AS aliases
}
OPTIONAL MATCH (k:DataKey {id: p.dataKeyId})
RETURN p {.*} AS person, identifiers, aliases, k {.id, .cipher, .iv, .tag, .masterKeyId} AS dataKey
