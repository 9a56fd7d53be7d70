// Referrers: the inviters of the invitations matching the filter (same filter as stats),
// with their direct counts over those invitations.
MATCH (i:Invitation)-[:INVITER]->(p:Person)
WHERE ($campaign IS NULL OR i.campaign = $campaign)
  AND ($channel IS NULL OR i.channel = $channel)
  AND ($advisorId IS NULL OR i.advisorId = $advisorId)
  AND ($from IS NULL OR i.sentAt >= $from)
  AND ($to IS NULL OR i.sentAt < $to)
RETURN p.oneId AS oneId, count(i) AS invited, count(CASE WHEN i.status = 'CONVERTED' THEN 1 END) AS converted
