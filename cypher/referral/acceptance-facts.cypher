// What decides an acceptance, read under the locks: the inviter's ancestor chain (one parent
// per person, walked upward within a bound) gives its top ancestor and whether the invitee
// is on it (a cycle); whether the invitee already had a policy that started before the
// invitation was sent (policy dates are 'YYYY-MM-DD', compared with sentAt's UTC date), or
// already came in through another accepted invitation; whether both share a household.
MATCH (inviter:Person {oneId: $inviter})
MATCH (invitee:Person {oneId: $invitee})
OPTIONAL MATCH up = (:Person)-[:REFERRED*1..10000]->(inviter)
WITH inviter, invitee, up
ORDER BY length(up) DESC
LIMIT 1
WITH inviter, invitee, coalesce(nodes(up), [inviter]) AS ancestors, coalesce(length(up), 0) AS inviterDepth
WITH inviter, invitee, ancestors, inviterDepth, ancestors[0] AS top
RETURN top.oneId AS topOneId,
       inviterDepth,
       EXISTS { (top)<-[:REFERRED]-(:Person) } AS topHasParent,
       invitee IN ancestors AS cycle,
       EXISTS { (:Person)-[:REFERRED]->(invitee) }
         OR EXISTS { (x:Invitation)-[:INVITEE]->(invitee) WHERE x.status IN ['ACCEPTED', 'CONVERTED'] } AS alreadyReferred,
       EXISTS { (pol:Policy)-[:HELD_BY|INSURES]->(invitee) WHERE pol.startDate < substring($sentAt, 0, 10) } AS alreadyCustomer,
       EXISTS { (inviter)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(invitee) } AS sameHousehold
