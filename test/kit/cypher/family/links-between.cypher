// Test kit: the family links of type $type (PARENT_OF, SPOUSE_OF, SIBLING_OF) from person $a
// to person $b and, when $anyDirection, also from $b to $a; one row per link, with its
// `since` (null: none).
MATCH (a:Person {oneId: $a})-[r]->(b:Person {oneId: $b})
WHERE type(r) = $type
RETURN r.since AS since
UNION ALL
MATCH (a:Person {oneId: $a})<-[r]-(b:Person {oneId: $b})
WHERE $anyDirection AND type(r) = $type
RETURN r.since AS since
