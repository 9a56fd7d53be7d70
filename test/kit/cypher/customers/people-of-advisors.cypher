// Test kit: the OneIDs of the members of the households of these advisors ($advisorIds), each once.
UNWIND $advisorIds AS advisorId
MATCH (:Household {advisorId: advisorId})<-[:MEMBER_OF]-(p:Person)
RETURN DISTINCT p.oneId AS oneId
