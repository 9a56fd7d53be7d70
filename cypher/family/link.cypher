// Store one family link unless it exists: PARENT as (a)-[:PARENT_OF]->(b) (a the parent),
// SPOUSE and SIBLING once in either direction.
MATCH (a:Person {oneId: $a})
MATCH (b:Person {oneId: $b})
WITH a, b,
     $relation = 'PARENT' AND NOT EXISTS { (a)-[:PARENT_OF]->(b) } AS parent,
     $relation = 'SPOUSE' AND NOT EXISTS { (a)-[:SPOUSE_OF]-(b) } AS spouse,
     $relation = 'SIBLING' AND NOT EXISTS { (a)-[:SIBLING_OF]-(b) } AS sibling
FOREACH (_ IN CASE WHEN parent THEN [1] ELSE [] END | CREATE (a)-[:PARENT_OF {createdAt: $at}]->(b))
FOREACH (_ IN CASE WHEN spouse THEN [1] ELSE [] END | CREATE (a)-[:SPOUSE_OF {createdAt: $at}]->(b))
FOREACH (_ IN CASE WHEN sibling THEN [1] ELSE [] END | CREATE (a)-[:SIBLING_OF {createdAt: $at}]->(b))
RETURN parent OR spouse OR sibling AS created
