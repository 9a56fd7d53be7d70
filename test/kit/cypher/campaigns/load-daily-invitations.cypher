// Test kit (write): SENT invitations of the existing person $inviter in campaign $tag, one
// per entry of $sentDays (its sentAt: an ISO instant as the DateTime scalar normalizes it),
// ids "$tag-<k>", shaped exactly like recordInvitation writes them (channel qr, no advisor).
MATCH (a:Person {oneId: $inviter})
UNWIND range(0, size($sentDays) - 1) AS k
CREATE (i:Invitation {id: $tag + '-' + k, channel: 'qr', campaign: $tag, sentAt: $sentDays[k], status: 'SENT', sameHousehold: false})
CREATE (i)-[:INVITER]->(a)
RETURN count(i) AS made
