// The accepted invitation behind each person's incoming tree edge (at most one).
UNWIND $oneIds AS oneId
MATCH (inviter:Person)-[r:REFERRED]->(p:Person {oneId: oneId})
MATCH (i:Invitation {id: r.invitationId})
RETURN oneId,
       i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, .policyNo, inviterOneId: inviter.oneId, inviteeOneId: p.oneId} AS invitation
