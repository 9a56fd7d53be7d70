// First statement of a transaction that changes invitations: take each invitation's write
// lock, in the order given (callers sort $ids), and read its state. Unknown ids return nothing.
UNWIND $ids AS id
MATCH (i:Invitation {id: id})-[:INVITER]->(inviter:Person)
SET i._lock = true
REMOVE i._lock
WITH i, inviter
OPTIONAL MATCH (i)-[:INVITEE]->(invitee:Person)
RETURN i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, .policyNo, inviterOneId: inviter.oneId, inviteeOneId: invitee.oneId} AS invitation
