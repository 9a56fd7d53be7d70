// First statement of a transaction that changes an invitation: take the invitation's write
// lock (SET then REMOVE a dummy property; the lock is held until commit) and read its state.
MATCH (i:Invitation {id: $id})-[:INVITER]->(inviter:Person)
SET i._lock = true
REMOVE i._lock
WITH i, inviter
OPTIONAL MATCH (i)-[:INVITEE]->(invitee:Person)
RETURN i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, inviterOneId: inviter.oneId, inviteeOneId: invitee.oneId} AS invitation
