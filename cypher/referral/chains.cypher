// Each person's chain from the root referrer down. Ancestors are found breadth-first upward
// with their distance (min(length(p)) lets the planner prune: each ancestor once, no path
// built per row), each with the tree edge that reached it; ordered root first, and every
// edge's invitation read by id.
UNWIND $oneIds AS oneId
MATCH (person:Person {oneId: oneId})
CALL (person) {
  MATCH p = (a:Person)-[:REFERRED*0..10000]->(person)
  WITH a, min(length(p)) AS k
  OPTIONAL MATCH (parent:Person)-[r:REFERRED]->(a)
  OPTIONAL MATCH (i:Invitation {id: r.invitationId})
  WITH a, k, parent, i
  ORDER BY k DESC
  RETURN collect(a)[0] AS root,
         [s IN collect(CASE WHEN i IS NULL THEN null ELSE
            i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
               .premium, .sameHousehold, .policyNo, inviterOneId: parent.oneId, inviteeOneId: a.oneId} END) WHERE s IS NOT NULL] AS links,
         max(k) AS depth
}
RETURN oneId, root.oneId AS rootOneId, depth, links
