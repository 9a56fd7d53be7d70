// Benchmark only (bench/referral.ts): accepted (or converted) invitations and their tree
// edges, shaped exactly like acceptInvitation / convertInvitation write them.
UNWIND $rows AS row
MATCH (a:Person {oneId: row.parent})
MATCH (b:Person {oneId: row.child})
CREATE (i:Invitation {id: row.id, channel: 'bench', campaign: $campaign, sentAt: $sentAt, acceptedAt: $acceptedAt,
                      status: CASE WHEN row.premium IS NULL THEN 'ACCEPTED' ELSE 'CONVERTED' END,
                      premium: row.premium, convertedAt: CASE WHEN row.premium IS NULL THEN null ELSE $convertedAt END,
                      sameHousehold: false})
CREATE (i)-[:INVITER]->(a)
CREATE (i)-[:INVITEE]->(b)
CREATE (a)-[r:REFERRED {invitationId: row.id, acceptedAt: $acceptedAt}]->(b)
SET r.premium = row.premium, r.convertedAt = CASE WHEN row.premium IS NULL THEN null ELSE $convertedAt END
