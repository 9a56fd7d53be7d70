// Which of these people are members of a household assigned to the advisor (a merged-away
// OneID counts as its survivor). Nothing for an advisor whose record says LEFT: it reads
// nothing, whatever its token says.
OPTIONAL MATCH (gone:Advisor {advisorId: $advisorId, status: 'LEFT'})
WITH gone
WHERE gone IS NULL
UNWIND $oneIds AS oneId
OPTIONAL MATCH (direct:Person {oneId: oneId})
OPTIONAL MATCH (:Alias {oneId: oneId})-[:ALIAS_OF]->(aliased:Person)
WITH oneId, coalesce(direct, aliased) AS p
WHERE p IS NOT NULL AND EXISTS { (p)-[:MEMBER_OF]->(:Household {advisorId: $advisorId}) }
RETURN DISTINCT oneId
