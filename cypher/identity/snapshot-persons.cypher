// People touched by a batch: attributes, every identifier (limits count them) and aliases.
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
RETURN p {.*} AS person, identifiers, aliases
