// OneIDs merged earlier into a person that has now been merged away point at the new survivor.
UNWIND $rows AS row
MATCH (a:Alias {oneId: row.from})
MATCH (survivor:Person {oneId: row.into})
OPTIONAL MATCH (a)-[old:ALIAS_OF]->()
DELETE old
CREATE (a)-[:ALIAS_OF]->(survivor)
