// The dashboard's figures per group over the invitations matching a ReferralFilter (the same
// filter, index choice and definitions as referral/stats.cypher; here every parameter has one
// type whatever the filter, so the statement is planned once: '' is no constraint for the
// texts, false for $isWithoutCampaign and $isWithoutAdvisor (noCampaign, noAdvisor), and
// $generation is 'ALL', 'SECOND' or 'ROOT' (secondGeneration null, true, false)):
// participants (distinct inviters), invited, accepted, newPeople (distinct invitees of
// ACCEPTED or CONVERTED invitations), spreaders (those of them who sent an invitation of their own, any campaign,
// any time), converted, premium. Groups: the campaign, channel and advisorId when named in
// $dimensionKeys ('CAMPAIGN', 'CHANNEL', 'ADVISOR'), and the calendar $period ('DAY', 'WEEK'
// starting Monday, 'MONTH', or '') of sentAt in $timeZone, named by its first day. No
// dimension at all: one row, the total. At most $limit rows (the caller asks one more than it
// serves, to refuse a breakdown that is too large).
CALL {
  WITH $campaign AS v WHERE v <> ''
  MATCH (i:Invitation {campaign: v}) RETURN i
  UNION ALL
  WITH $campaign AS c, $advisorId AS v WHERE c = '' AND v <> ''
  MATCH (i:Invitation {advisorId: v}) RETURN i
  UNION ALL
  WITH $campaign AS c, $advisorId AS a, $channel AS v WHERE c = '' AND a = '' AND v <> ''
  MATCH (i:Invitation {channel: v}) RETURN i
  UNION ALL
  WITH $campaign AS c, $advisorId AS a, $channel AS ch, CASE WHEN $to = '' THEN '9' ELSE $to END AS hi
  WHERE c = '' AND a = '' AND ch = '' AND ($from <> '' OR $to <> '')
  MATCH (i:Invitation) WHERE i.sentAt >= $from AND i.sentAt < hi RETURN i
  UNION ALL
  WITH $campaign AS c, $advisorId AS a, $channel AS ch
  WHERE c = '' AND a = '' AND ch = '' AND $from = '' AND $to = ''
  MATCH (i:Invitation) RETURN i
}
WITH i
WHERE ($campaign = '' OR i.campaign = $campaign)
  AND ($channel = '' OR i.channel = $channel)
  AND ($advisorId = '' OR i.advisorId = $advisorId)
  AND ($from = '' OR i.sentAt >= $from)
  AND ($to = '' OR i.sentAt < $to)
  AND (NOT $isWithoutCampaign OR i.campaign IS NULL)
  AND (NOT $isWithoutAdvisor OR i.advisorId IS NULL)
MATCH (i)-[:INVITER]->(inviter:Person)
WHERE CASE WHEN $generation = 'ALL' THEN true ELSE EXISTS { (inviter)<-[:REFERRED]-(:Person) } = ($generation = 'SECOND') END
OPTIONAL MATCH (i)-[:INVITEE]->(invitee:Person)
WITH i, inviter,
     CASE WHEN i.status IN ['ACCEPTED', 'CONVERTED'] THEN invitee END AS newPerson,
     CASE WHEN $period = '' THEN null ELSE date(datetime({datetime: datetime(i.sentAt), timezone: $timeZone})) END AS day
WITH i, inviter, newPerson,
     CASE WHEN 'CAMPAIGN' IN $dimensionKeys THEN i.campaign END AS campaign,
     CASE WHEN 'CHANNEL' IN $dimensionKeys THEN i.channel END AS channel,
     CASE WHEN 'ADVISOR' IN $dimensionKeys THEN i.advisorId END AS advisorId,
     CASE $period WHEN 'DAY' THEN day WHEN 'WEEK' THEN date.truncate('week', day) WHEN 'MONTH' THEN date.truncate('month', day) END AS period,
     CASE WHEN newPerson IS NOT NULL AND EXISTS { (newPerson)<-[:INVITER]-(:Invitation) } THEN newPerson END AS spreader
RETURN campaign, channel, advisorId, toString(period) AS period,
       count(DISTINCT inviter) AS participants,
       count(i) AS invited,
       count(CASE WHEN i.status IN ['ACCEPTED', 'CONVERTED'] THEN 1 END) AS accepted,
       count(DISTINCT newPerson) AS newPeople,
       count(DISTINCT spreader) AS spreaders,
       count(CASE WHEN i.status = 'CONVERTED' THEN 1 END) AS converted,
       sum(CASE WHEN i.status = 'CONVERTED' THEN coalesce(i.premium, 0) ELSE 0 END) AS premium
LIMIT toInteger($limit)
