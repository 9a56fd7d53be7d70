// Referrers: the inviters of the invitations matching the filter (same filter as stats),
// with their direct counts and the size and converted premium of their whole referral tree
// (bounded walk down, premium read from the tree edges), best first.
MATCH (i:Invitation)-[:INVITER]->(p:Person)
WHERE ($campaign IS NULL OR i.campaign = $campaign)
  AND ($channel IS NULL OR i.channel = $channel)
  AND ($advisorId IS NULL OR i.advisorId = $advisorId)
  AND ($from IS NULL OR i.sentAt >= $from)
  AND ($to IS NULL OR i.sentAt < $to)
WITH p, count(i) AS invited, count(CASE WHEN i.status = 'CONVERTED' THEN 1 END) AS converted
CALL (p) {
  OPTIONAL MATCH path = (p)-[:REFERRED*1..1000]->(:Person)
  WITH last(relationships(path)) AS r
  RETURN count(r) AS descendants, sum(coalesce(r.premium, 0)) AS treePremium
}
RETURN p.oneId AS oneId, invited, converted, descendants, treePremium
ORDER BY treePremium DESC, descendants DESC, oneId ASC
LIMIT toInteger($first)
