// Benchmark only (bench/campaigns.ts): invitations ($rows: {id, inviter, invitee, channel,
// campaign, advisorId, sentAt, acceptedAt, status, premium}; invitee null while SENT) with
// their INVITER, INVITEE and tree edges, shaped exactly like recordInvitation,
// acceptInvitation and convertInvitation write them.
UNWIND $rows AS row
MATCH (a:Person {oneId: row.inviter})
CREATE (i:Invitation {id: row.id, channel: row.channel, campaign: row.campaign, advisorId: row.advisorId, sentAt: row.sentAt,
                      acceptedAt: row.acceptedAt, status: row.status, premium: row.premium,
                      convertedAt: CASE WHEN row.status = 'CONVERTED' THEN row.acceptedAt END, sameHousehold: false})
CREATE (i)-[:INVITER]->(a)
WITH row, i, a
WHERE row.invitee IS NOT NULL
MATCH (b:Person {oneId: row.invitee})
CREATE (i)-[:INVITEE]->(b)
CREATE (a)-[r:REFERRED {invitationId: row.id, acceptedAt: row.acceptedAt}]->(b)
SET r.premium = row.premium, r.convertedAt = i.convertedAt
