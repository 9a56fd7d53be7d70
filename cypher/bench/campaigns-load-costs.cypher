// Benchmark only (bench/campaigns.ts): campaigns and their cost entries ($rows: {campaign,
// id, channel, amount, spentAt}), shaped like upsertCampaign and recordCampaignCost write them.
UNWIND $rows AS row
MERGE (c:Campaign {id: row.campaign})
  ON CREATE SET c.name = row.campaign
CREATE (:CampaignCost {id: row.id, campaign: row.campaign, channel: row.channel, amount: row.amount, spentAt: row.spentAt})
