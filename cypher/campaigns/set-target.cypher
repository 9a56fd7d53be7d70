// Replace an advisor's target in a campaign (key = campaign + advisorId); a null figure is
// not a target.
MERGE (t:ReferralTarget {key: $key})
  ON CREATE SET t.campaign = $campaign, t.advisorId = $advisorId
SET t.participants = $participants, t.newPeople = $newPeople, t.converted = $converted, t.premium = $premium,
    t.updatedAt = $now
RETURN t {.campaign, .advisorId, .participants, .newPeople, .converted, .premium} AS target
