// Counts over the invitations matching the filter; the time window is on sentAt,
// from inclusive and to exclusive. Every filter field is optional (null: no constraint);
// noCampaign/noAdvisor (true or null) keep invitations without one, secondGeneration those
// whose inviter has (true) or has not (false) a parent in the referral tree.
// The invitations are found through one index (campaign, else advisorId, else channel, else
// the sentAt range), only a filter with no field at all scans them; the full filter applies after.
CALL {
  WITH $campaign AS v WHERE v IS NOT NULL
  MATCH (i:Invitation {campaign: v}) RETURN i
  UNION ALL
  WITH $campaign AS c, $advisorId AS v WHERE c IS NULL AND v IS NOT NULL
  MATCH (i:Invitation {advisorId: v}) RETURN i
  UNION ALL
  WITH $campaign AS c, $advisorId AS a, $channel AS v WHERE c IS NULL AND a IS NULL AND v IS NOT NULL
  MATCH (i:Invitation {channel: v}) RETURN i
  UNION ALL
  WITH $campaign AS c, $advisorId AS a, $channel AS ch, coalesce($from, '') AS lo, coalesce($to, '9') AS hi
  WHERE c IS NULL AND a IS NULL AND ch IS NULL AND ($from IS NOT NULL OR $to IS NOT NULL)
  MATCH (i:Invitation) WHERE i.sentAt >= lo AND i.sentAt < hi RETURN i
  UNION ALL
  WITH $campaign AS c, $advisorId AS a, $channel AS ch
  WHERE c IS NULL AND a IS NULL AND ch IS NULL AND $from IS NULL AND $to IS NULL
  MATCH (i:Invitation) RETURN i
}
WITH i
WHERE ($campaign IS NULL OR i.campaign = $campaign)
  AND ($channel IS NULL OR i.channel = $channel)
  AND ($advisorId IS NULL OR i.advisorId = $advisorId)
  AND ($from IS NULL OR i.sentAt >= $from)
  AND ($to IS NULL OR i.sentAt < $to)
  AND ($noCampaign IS NULL OR i.campaign IS NULL)
  AND ($noAdvisor IS NULL OR i.advisorId IS NULL)
MATCH (i)-[:INVITER]->(inviter:Person)
WHERE $secondGeneration IS NULL OR EXISTS { (inviter)<-[:REFERRED]-(:Person) } = $secondGeneration
RETURN count(i) AS invited,
       count(CASE WHEN i.status IN ['ACCEPTED', 'CONVERTED'] THEN 1 END) AS accepted,
       count(CASE WHEN i.status = 'CONVERTED' THEN 1 END) AS converted,
       sum(CASE WHEN i.status = 'CONVERTED' THEN coalesce(i.premium, 0) ELSE 0 END) AS premium,
       count(DISTINCT inviter) AS inviters
