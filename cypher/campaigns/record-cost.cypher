// Record a cost entry once under its client-chosen id: a new id creates it; an existing id is
// returned unchanged with created = false, for the caller to compare (and refuse other content).
// Nothing is returned when the campaign does not exist (and nothing is written).
MATCH (c:Campaign {id: $campaign})
MERGE (e:CampaignCost {id: $id})
  ON CREATE SET e.campaign = $campaign, e.channel = $channel, e.amount = toInteger($amount), e.spentAt = $spentAt,
                e.recordedAt = $now, e._created = true
WITH e, coalesce(e._created, false) AS created
REMOVE e._created
RETURN e {.id, .campaign, .channel, .amount, .spentAt} AS entry, created
