// Remove the family link between a and b: PARENT is (a)-[:PARENT_OF]->(b); SPOUSE and
// SIBLING in either direction. Returns how many links were removed.
MATCH (a:Person {oneId: $a})
MATCH (b:Person {oneId: $b})
OPTIONAL MATCH (a)-[p:PARENT_OF]->(b) WHERE $relation = 'PARENT'
OPTIONAL MATCH (a)-[s:SPOUSE_OF]-(b) WHERE $relation = 'SPOUSE'
OPTIONAL MATCH (a)-[g:SIBLING_OF]-(b) WHERE $relation = 'SIBLING'
WITH collect(DISTINCT p) + collect(DISTINCT s) + collect(DISTINCT g) AS links
FOREACH (r IN links | DELETE r)
RETURN size(links) AS removed
