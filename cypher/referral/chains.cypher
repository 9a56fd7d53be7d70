// Each person's chain from the root referrer down: walk upward (one parent per person, so
// the walk is a single path bounded by the chain's length), keep the longest path, and read
// the invitation of every edge on it, root first.
UNWIND $oneIds AS oneId
MATCH (person:Person {oneId: oneId})
CALL (person) {
  OPTIONAL MATCH up = (:Person)-[:REFERRED*1..10000]->(person)
  WITH up
  ORDER BY length(up) DESC
  LIMIT 1
  RETURN coalesce(nodes(up)[0], person) AS root, coalesce(relationships(up), []) AS edges
}
CALL (edges) {
  UNWIND range(0, size(edges) - 1) AS k
  WITH k, edges[k] AS r
  MATCH (i:Invitation {id: r.invitationId})
  WITH k, i, startNode(r) AS inviter, endNode(r) AS invitee
  ORDER BY k
  RETURN collect(i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
                    .premium, .sameHousehold, inviterOneId: inviter.oneId, inviteeOneId: invitee.oneId}) AS links
}
RETURN oneId, root.oneId AS rootOneId, size(edges) AS depth, links
