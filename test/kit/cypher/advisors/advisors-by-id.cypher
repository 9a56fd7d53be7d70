// Test kit: the Advisor nodes with advisorId $advisorId (one row each; upserts keep one).
MATCH (a:Advisor {advisorId: $advisorId})
RETURN a.advisorId AS advisorId
