// Store family links ($rows: {a, b, relation}, each pair at most once) unless they exist:
// PARENT as (a)-[:PARENT_OF]->(b) (a the parent), SPOUSE and SIBLING once in either
// direction. A row whose person does not exist writes nothing.
UNWIND $rows AS row
MATCH (a:Person {oneId: row.a})
MATCH (b:Person {oneId: row.b})
WITH a, b,
     row.relation = 'PARENT' AND NOT EXISTS { (a)-[:PARENT_OF]->(b) } AS parent,
     row.relation = 'SPOUSE' AND NOT EXISTS { (a)-[:SPOUSE_OF]-(b) } AS spouse,
     row.relation = 'SIBLING' AND NOT EXISTS { (a)-[:SIBLING_OF]-(b) } AS sibling
FOREACH (_ IN CASE WHEN parent THEN [1] ELSE [] END | CREATE (a)-[:PARENT_OF {createdAt: $at}]->(b))
FOREACH (_ IN CASE WHEN spouse THEN [1] ELSE [] END | CREATE (a)-[:SPOUSE_OF {createdAt: $at}]->(b))
FOREACH (_ IN CASE WHEN sibling THEN [1] ELSE [] END | CREATE (a)-[:SIBLING_OF {createdAt: $at}]->(b))
RETURN count(CASE WHEN parent OR spouse OR sibling THEN 1 END) AS created
