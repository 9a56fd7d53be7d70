// Record the outcomes of a batch of acceptances ($rows: {id, invitee, at, status, reason,
// sameHousehold}, each id at most once): the invitee, acceptedAt, status (ACCEPTED or REJECTED
// with its reason) and, when accepted, the tree edge inviter -> invitee.
UNWIND $rows AS row
MATCH (i:Invitation {id: row.id})-[:INVITER]->(inviter:Person)
MATCH (invitee:Person {oneId: row.invitee})
SET i.status = row.status, i.acceptedAt = row.at, i.rejectionReason = row.reason, i.sameHousehold = row.sameHousehold
MERGE (i)-[:INVITEE]->(invitee)
FOREACH (_ IN CASE WHEN row.status = 'ACCEPTED' THEN [1] ELSE [] END |
  CREATE (inviter)-[:REFERRED {invitationId: i.id, acceptedAt: row.at}]->(invitee))
RETURN i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, .policyNo, inviterOneId: inviter.oneId, inviteeOneId: invitee.oneId} AS invitation
