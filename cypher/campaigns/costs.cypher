// Spend per group: the sum of the cost entries matching a filter's campaign, channel and
// from/to (on spentAt; from inclusive, to exclusive), grouped like breakdown.cypher (campaign,
// channel when in $dimensionKeys, the $period of spentAt in $timeZone). An entry without a
// channel matches only where channel is neither grouped nor filtered. $isWithoutCampaign: no entry
// (every entry has a campaign). Parameters as in breakdown.cypher ('' is no constraint).
MATCH (c:CampaignCost)
WHERE ($campaign = '' OR c.campaign = $campaign)
  AND NOT $isWithoutCampaign
  AND ($channel = '' OR c.channel = $channel)
  AND (NOT 'CHANNEL' IN $dimensionKeys OR c.channel IS NOT NULL)
  AND ($from = '' OR c.spentAt >= $from)
  AND ($to = '' OR c.spentAt < $to)
WITH c, CASE WHEN $period = '' THEN null ELSE date(datetime({datetime: datetime(c.spentAt), timezone: $timeZone})) END AS day
RETURN CASE WHEN 'CAMPAIGN' IN $dimensionKeys THEN c.campaign END AS campaign,
       CASE WHEN 'CHANNEL' IN $dimensionKeys THEN c.channel END AS channel,
       toString(CASE $period WHEN 'DAY' THEN day WHEN 'WEEK' THEN date.truncate('week', day) WHEN 'MONTH' THEN date.truncate('month', day) END) AS period,
       sum(c.amount) AS cost
