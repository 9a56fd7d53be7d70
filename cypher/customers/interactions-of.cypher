// The newest $first interactions of each person ($oneIds), newest first (then by id).
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
RETURN oneId, COLLECT {
  MATCH (i:Interaction)-[:BY]->(p)
  RETURN i {.id, .channel, .kind, .productType, .at, .source} AS interaction
  ORDER BY i.at DESC, i.id ASC LIMIT toInteger($first)
} AS interactions
