// Before linking a and b: does this link exist already, and for a PARENT link (a parent
// of b) would it close a cycle (b already an ancestor of a, bounded walk) and how many
// other parents b has.
MATCH (a:Person {oneId: $a})
MATCH (b:Person {oneId: $b})
RETURN CASE $relation
         WHEN 'PARENT' THEN EXISTS { (a)-[:PARENT_OF]->(b) }
         WHEN 'SPOUSE' THEN EXISTS { (a)-[:SPOUSE_OF]-(b) }
         ELSE EXISTS { (a)-[:SIBLING_OF]-(b) }
       END AS exists,
       $relation = 'PARENT' AND EXISTS { (b)-[:PARENT_OF*1..20]->(a) } AS cycle,
       COUNT { (o:Person)-[:PARENT_OF]->(b) WHERE o <> a } AS otherParents
