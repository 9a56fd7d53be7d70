// People outside each household who may belong in it, one row per piece of evidence:
// they use a home device (IOT_DEVICE) that a member uses, or a family link joins them
// to a member. `relation` is what the outsider is to the member. Erased people
// (anonymous placeholders) are never suggested.
UNWIND $ids AS id
MATCH (h:Household {id: id})<-[:MEMBER_OF]-(m:Person)
CALL (h, m) {
  MATCH (m)-[:USES_DEVICE]->(d:Identifier)<-[:USES_DEVICE]-(x:Person)
  WHERE x <> m AND NOT EXISTS { (x)-[:MEMBER_OF]->(h) } AND NOT coalesce(x.forgotten, false)
  RETURN x, null AS relation, d {.key, .type, .namespace, .masked, .shared, .firstSeenAt, .lastSeenAt} AS device
  UNION
  MATCH (m)-[r:PARENT_OF|SPOUSE_OF|SIBLING_OF]-(x:Person)
  WHERE x <> m AND NOT EXISTS { (x)-[:MEMBER_OF]->(h) } AND NOT coalesce(x.forgotten, false)
  RETURN x,
         CASE type(r)
           WHEN 'SPOUSE_OF' THEN 'SPOUSE'
           WHEN 'SIBLING_OF' THEN 'SIBLING'
           ELSE CASE WHEN startNode(r) = x THEN 'PARENT' ELSE 'CHILD' END
         END AS relation,
         null AS device
}
RETURN id, m {.*} AS member, x {.*} AS person, relation, device
