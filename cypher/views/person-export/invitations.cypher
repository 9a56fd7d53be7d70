// Person export: the referral invitations the person sent or accepted.
MATCH (inv:Invitation)-[r:INVITER|INVITEE]->(:Person {oneId: $oneId})
WITH DISTINCT inv
OPTIONAL MATCH (inv)-[:INVITER]->(inviter:Person)
OPTIONAL MATCH (inv)-[:INVITEE]->(invitee:Person)
RETURN inv {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason, .premium} AS invitation,
       inviter.oneId AS inviter, invitee.oneId AS invitee
ORDER BY inv.sentAt, inv.id
