// The household each person belongs to (at most one).
UNWIND $oneIds AS oneId
MATCH (:Person {oneId: oneId})-[:MEMBER_OF]->(h:Household)
RETURN oneId, h {.*} AS household
