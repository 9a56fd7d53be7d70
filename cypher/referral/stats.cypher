// Counts over the invitations matching the filter; the time window is on sentAt,
// from inclusive and to exclusive. Every filter field is optional (null: no constraint).
MATCH (i:Invitation)-[:INVITER]->(inviter:Person)
WHERE ($campaign IS NULL OR i.campaign = $campaign)
  AND ($channel IS NULL OR i.channel = $channel)
  AND ($advisorId IS NULL OR i.advisorId = $advisorId)
  AND ($from IS NULL OR i.sentAt >= $from)
  AND ($to IS NULL OR i.sentAt < $to)
RETURN count(i) AS invited,
       count(CASE WHEN i.status IN ['ACCEPTED', 'CONVERTED'] THEN 1 END) AS accepted,
       count(CASE WHEN i.status = 'CONVERTED' THEN 1 END) AS converted,
       sum(CASE WHEN i.status = 'CONVERTED' THEN coalesce(i.premium, 0) ELSE 0 END) AS premium,
       count(DISTINCT inviter) AS inviters
