// Adds MANUAL tags ($names) to a person; a tag it already carries keeps its since.
MATCH (p:Person {oneId: $oneId})
UNWIND $names AS name
MERGE (t:Tag {name: name})
MERGE (p)-[r:TAGGED {source: 'MANUAL'}]->(t)
  ON CREATE SET r.since = $now
RETURN count(r) AS tagged
