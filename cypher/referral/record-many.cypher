// Record invitations once each ($rows: {id, inviter, channel, campaign, advisorId, sentAt},
// each id at most once): a new id creates it (status SENT) linked to its inviter; an existing
// id is returned unchanged with created = false, for the caller to compare. A row whose
// inviter does not exist writes nothing and returns nothing.
UNWIND $rows AS row
MATCH (inviter:Person {oneId: row.inviter})
MERGE (i:Invitation {id: row.id})
ON CREATE SET i.channel = row.channel, i.campaign = row.campaign, i.advisorId = row.advisorId, i.sentAt = row.sentAt,
              i.status = 'SENT', i.sameHousehold = false, i.recordedAt = $now, i._created = true
WITH row, i, inviter, coalesce(i._created, false) AS created
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | CREATE (i)-[:INVITER]->(inviter))
REMOVE i._created
WITH row, i, created
MATCH (i)-[:INVITER]->(owner:Person)
OPTIONAL MATCH (i)-[:INVITEE]->(invitee:Person)
RETURN row.id AS id, created,
       i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, .policyNo, inviterOneId: owner.oneId, inviteeOneId: invitee.oneId} AS invitation
