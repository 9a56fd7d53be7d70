// Family links among the members of each household, each stored link once (PARENT_OF
// from parent to child), with both people and the link's `since` (null: none).
UNWIND $ids AS id
MATCH (h:Household {id: id})<-[:MEMBER_OF]-(a:Person)-[r:PARENT_OF|SPOUSE_OF|SIBLING_OF]->(b:Person)-[:MEMBER_OF]->(h)
RETURN id, type(r) AS type, a {.*} AS from, b {.*} AS to, r.since AS since
