// Convert an accepted invitation; the premium is copied onto its tree edge so tree
// aggregates read it while walking, without looking invitations up.
MATCH (i:Invitation {id: $id})-[:INVITER]->(inviter:Person)
MATCH (i)-[:INVITEE]->(invitee:Person)
SET i.status = 'CONVERTED', i.premium = toInteger($premium), i.convertedAt = $at
WITH i, inviter, invitee
OPTIONAL MATCH (inviter)-[r:REFERRED {invitationId: i.id}]->(invitee)
SET r.premium = toInteger($premium), r.convertedAt = $at
RETURN i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, inviterOneId: inviter.oneId, inviteeOneId: invitee.oneId} AS invitation
