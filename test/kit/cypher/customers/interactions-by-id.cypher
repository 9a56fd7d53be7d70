// Test kit: the stored interactions with these ids ($ids) and the OneID each is linked to
// (null when it has no person), one row each.
UNWIND $ids AS id
MATCH (i:Interaction {id: id})
OPTIONAL MATCH (i)-[:BY]->(p:Person)
RETURN i.id AS id, p.oneId AS oneId
