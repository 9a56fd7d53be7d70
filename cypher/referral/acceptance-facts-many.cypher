// What decides a batch of acceptances, per person, read under the locks: its ancestors in the
// referral tree, nearest first (one parent per person, found breadth-first upward within the
// chain bound, each once) and whether the last of them still has a parent (the bound was
// hit); whether it already came in through an accepted invitation; the start date of its
// earliest policy as holder or insured ('YYYY-MM-DD', compared by the caller with each
// invitation's sentAt); its households. The caller replays the batch over these facts.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
CALL (p) {
  OPTIONAL MATCH path = (a:Person)-[:REFERRED*1..10000]->(p)
  WITH a, min(length(path)) AS k
  ORDER BY k ASC
  RETURN collect(a) AS ancestors
}
CALL (p) {
  OPTIONAL MATCH (pol:Policy)-[:HELD_BY|INSURES]->(p)
  RETURN min(pol.startDate) AS firstPolicyStart
}
WITH p, ancestors, firstPolicyStart, coalesce(ancestors[-1], p) AS top
RETURN p.oneId AS oneId,
       [a IN ancestors | a.oneId] AS ancestors,
       EXISTS { (top)<-[:REFERRED]-(:Person) } AS topHasParent,
       EXISTS { (:Person)-[:REFERRED]->(p) }
         OR EXISTS { (x:Invitation)-[:INVITEE]->(p) WHERE x.status IN ['ACCEPTED', 'CONVERTED'] } AS referred,
       firstPolicyStart,
       COLLECT { MATCH (p)-[:MEMBER_OF]->(h:Household) RETURN h.id } AS households
