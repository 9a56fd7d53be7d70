// Convert accepted invitations ($rows: {id, premium, at, policyNo}, each id at most once; policyNo
// null for a conversion by premium); the premium is copied onto the tree edge so tree
// aggregates read it while walking.
UNWIND $rows AS row
MATCH (i:Invitation {id: row.id})-[:INVITER]->(inviter:Person)
MATCH (i)-[:INVITEE]->(invitee:Person)
SET i.status = 'CONVERTED', i.premium = toInteger(row.premium), i.convertedAt = row.at, i.policyNo = row.policyNo
WITH row, i, inviter, invitee
OPTIONAL MATCH (inviter)-[r:REFERRED {invitationId: i.id}]->(invitee)
SET r.premium = toInteger(row.premium), r.convertedAt = row.at
RETURN i {.id, .channel, .campaign, .advisorId, .sentAt, .acceptedAt, .convertedAt, .status, .rejectionReason,
          .premium, .sameHousehold, .policyNo, inviterOneId: inviter.oneId, inviteeOneId: invitee.oneId} AS invitation
