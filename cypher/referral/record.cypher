// Record an invitation once: a new id creates it (status SENT) linked to its inviter; an
// existing id is returned unchanged with created = false, for the caller to compare.
MATCH (inviter:Person {oneId: $inviter})
MERGE (i:Invitation {id: $id})
ON CREATE SET i.channel = $channel, i.campaign = $campaign, i.advisorId = $advisorId, i.sentAt = $sentAt,
              i.status = 'SENT', i.sameHousehold = false, i.recordedAt = $now, i._created = true
WITH i, inviter, coalesce(i._created, false) AS created
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | CREATE (i)-[:INVITER]->(inviter))
REMOVE i._created
WITH i, created
MATCH (i)-[:INVITER]->(owner:Person)
OPTIONAL MATCH (i)-[:INVITEE]->(invitee:Person)
RETURN created,
       i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, inviterOneId: owner.oneId, inviteeOneId: invitee.oneId} AS invitation
