// The targets of a campaign (only the advisor's when $advisorId is set).
MATCH (t:ReferralTarget {campaign: $campaign})
WHERE $advisorId IS NULL OR t.advisorId = $advisorId
RETURN t {.campaign, .advisorId, .participants, .newPeople, .converted, .premium} AS target
