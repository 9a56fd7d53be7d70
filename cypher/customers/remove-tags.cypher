// Removes MANUAL tags ($names) from a person (a tag it does not carry is ignored).
MATCH (p:Person {oneId: $oneId})-[r:TAGGED {source: 'MANUAL'}]->(t:Tag)
WHERE t.name IN $names
DELETE r
RETURN count(*) AS removed
