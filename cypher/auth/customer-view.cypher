// What a CUSTOMER may read: itself (a merged-away OneID resolves to its survivor), its
// household and that household's members, and its relatives within 4 family links
// (the deepest `Person.relatives` reach). An erased (forgotten) person reads nothing.
OPTIONAL MATCH (direct:Person {oneId: $oneId})
OPTIONAL MATCH (:Alias {oneId: $oneId})-[:ALIAS_OF]->(aliased:Person)
WITH coalesce(direct, aliased) AS me
WHERE me IS NOT NULL AND coalesce(me.forgotten, false) = false
OPTIONAL MATCH (me)-[:MEMBER_OF]->(h:Household)
OPTIONAL MATCH (h)<-[:MEMBER_OF]-(member:Person)
WITH me, collect(DISTINCT h.id) AS households, collect(DISTINCT member.oneId) AS members
OPTIONAL MATCH (me)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF*1..4]-(relative:Person)
RETURN me.oneId AS self, households, members, collect(DISTINCT relative.oneId) AS relatives
