// What decides an acceptance, read under the locks. The inviter's ancestors (one parent per
// person, found breadth-first upward within a bound, each once) give its top ancestor and
// whether the invitee is among them (a cycle); whether the invitee already had a policy that
// started before the invitation was sent (policy dates are 'YYYY-MM-DD', compared with
// sentAt's UTC date), or already came in through another accepted invitation; whether both
// share a household.
MATCH (inviter:Person {oneId: $inviter})
MATCH (invitee:Person {oneId: $invitee})
CALL (inviter) {
  OPTIONAL MATCH p = (a:Person)-[:REFERRED*1..10000]->(inviter)
  WITH a, min(length(p)) AS k
  ORDER BY k DESC
  RETURN collect(a) AS ancestors, coalesce(max(k), 0) AS inviterDepth
}
WITH inviter, invitee, ancestors, inviterDepth, coalesce(ancestors[0], inviter) AS top
RETURN top.oneId AS topOneId,
       inviterDepth,
       EXISTS { (top)<-[:REFERRED]-(:Person) } AS topHasParent,
       invitee IN ancestors AS cycle,
       EXISTS { (:Person)-[:REFERRED]->(invitee) }
         OR EXISTS { (x:Invitation)-[:INVITEE]->(invitee) WHERE x.status IN ['ACCEPTED', 'CONVERTED'] } AS alreadyReferred,
       EXISTS { (pol:Policy)-[:HELD_BY|INSURES]->(invitee) WHERE pol.startDate < substring($sentAt, 0, 10) } AS alreadyCustomer,
       EXISTS { (inviter)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(invitee) } AS sameHousehold
