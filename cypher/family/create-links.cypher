// Store family links ($rows: {a, b, relation, since}, each pair at most once): a missing link
// is created, PARENT as (a)-[:PARENT_OF]->(b) (a the parent), SPOUSE and SIBLING once in
// either direction, with `since` when given; an existing link takes `since` when given and
// keeps its stored one otherwise. A row whose person does not exist writes nothing.
UNWIND $rows AS row
MATCH (a:Person {oneId: row.a})
MATCH (b:Person {oneId: row.b})
WITH a, b, row,
     CASE row.relation
       WHEN 'PARENT' THEN COLLECT { MATCH (a)-[r:PARENT_OF]->(b) RETURN r }
       WHEN 'SPOUSE' THEN COLLECT { MATCH (a)-[r:SPOUSE_OF]-(b) RETURN r }
       ELSE COLLECT { MATCH (a)-[r:SIBLING_OF]-(b) RETURN r }
     END AS existing
WITH a, b, row, existing, size(existing) = 0 AS missing
FOREACH (r IN CASE WHEN row.since IS NULL THEN [] ELSE existing END | SET r.since = row.since)
FOREACH (_ IN CASE WHEN missing AND row.relation = 'PARENT' THEN [1] ELSE [] END | CREATE (a)-[:PARENT_OF {createdAt: $at, since: row.since}]->(b))
FOREACH (_ IN CASE WHEN missing AND row.relation = 'SPOUSE' THEN [1] ELSE [] END | CREATE (a)-[:SPOUSE_OF {createdAt: $at, since: row.since}]->(b))
FOREACH (_ IN CASE WHEN missing AND row.relation = 'SIBLING' THEN [1] ELSE [] END | CREATE (a)-[:SIBLING_OF {createdAt: $at, since: row.since}]->(b))
RETURN count(CASE WHEN missing THEN 1 END) AS created
