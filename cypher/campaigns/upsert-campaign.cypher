// Create or replace a campaign by id (name, startsAt, endsAt; null removes a date); its cost
// entries are kept. Returns it with its cost.
MERGE (c:Campaign {id: $id})
  ON CREATE SET c.createdAt = $now
SET c.name = $name, c.startsAt = $startsAt, c.endsAt = $endsAt, c.updatedAt = $now
WITH c
OPTIONAL MATCH (e:CampaignCost {campaign: c.id})
WITH c, sum(e.amount) AS cost
RETURN c {.id, .name, .startsAt, .endsAt} AS campaign, cost
