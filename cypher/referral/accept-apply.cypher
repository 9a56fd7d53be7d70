// Record the outcome of an acceptance: the invitee, acceptedAt, status (ACCEPTED or
// REJECTED with its reason) and, when accepted, the tree edge inviter -> invitee.
MATCH (i:Invitation {id: $id})-[:INVITER]->(inviter:Person)
MATCH (invitee:Person {oneId: $invitee})
SET i.status = $status, i.acceptedAt = $at, i.rejectionReason = $reason, i.sameHousehold = $sameHousehold
MERGE (i)-[:INVITEE]->(invitee)
FOREACH (_ IN CASE WHEN $status = 'ACCEPTED' THEN [1] ELSE [] END |
  CREATE (inviter)-[:REFERRED {invitationId: i.id, acceptedAt: $at}]->(invitee))
RETURN i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, inviterOneId: inviter.oneId, inviteeOneId: invitee.oneId} AS invitation
