// Test kit: the referral tree edges (REFERRED) into person $oneId: who invited it, through
// which invitation, accepted when. A person has at most one.
MATCH (x:Person)-[r:REFERRED]->(:Person {oneId: $oneId})
RETURN x.oneId AS inviter, r.invitationId AS invitationId, r.acceptedAt AS acceptedAt
