// Invitations by id, with the surviving inviter and invitee OneIDs (identity merges move
// the INVITER/INVITEE links, so they always point at live people).
UNWIND $ids AS id
MATCH (i:Invitation {id: id})-[:INVITER]->(inviter:Person)
OPTIONAL MATCH (i)-[:INVITEE]->(invitee:Person)
RETURN i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, .policyNo, inviterOneId: inviter.oneId, inviteeOneId: invitee.oneId} AS invitation
