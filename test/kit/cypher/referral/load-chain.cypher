// Test kit (write): a referral chain $depth people deep under the existing person $root, in
// one statement: people "$tag-p1".."$tag-p<depth>", each invited by the one above through an
// ACCEPTED invitation "$tag-i<k>" (campaign $tag), with the tree edge, shaped exactly like
// acceptInvitation writes them.
UNWIND range(1, $depth) AS k
CREATE (:Person {oneId: $tag + '-p' + k, createdAt: k, gender: 'UNKNOWN'})
WITH count(*) AS made
UNWIND range(1, $depth) AS k
MATCH (a:Person {oneId: CASE k WHEN 1 THEN $root ELSE $tag + '-p' + (k - 1) END}), (b:Person {oneId: $tag + '-p' + k})
CREATE (i:Invitation {id: $tag + '-i' + k, channel: 'qr', campaign: $tag, sentAt: '2026-03-01T00:00:00.000Z',
                      acceptedAt: '2026-03-02T00:00:00.000Z', status: 'ACCEPTED', sameHousehold: false})
CREATE (i)-[:INVITER]->(a), (i)-[:INVITEE]->(b)
CREATE (a)-[:REFERRED {invitationId: i.id, acceptedAt: i.acceptedAt}]->(b)
