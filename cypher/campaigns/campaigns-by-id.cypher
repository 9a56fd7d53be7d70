// Campaigns by id, each with its cost: the sum of all its cost entries (0 when none).
UNWIND $ids AS id
MATCH (c:Campaign {id: id})
OPTIONAL MATCH (e:CampaignCost {campaign: id})
WITH c, sum(e.amount) AS cost
RETURN c {.id, .name, .startsAt, .endsAt} AS campaign, cost
