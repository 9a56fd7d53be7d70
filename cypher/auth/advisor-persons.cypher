// Which of these people are members of a household assigned to the advisor.
UNWIND $oneIds AS oneId
MATCH (:Person {oneId: oneId})-[:MEMBER_OF]->(:Household {advisorId: $advisorId})
RETURN DISTINCT oneId
