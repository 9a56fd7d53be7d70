// The times of each person's interactions at or after $since ($oneIds): the contact window's input.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
RETURN oneId, COLLECT { MATCH (i:Interaction)-[:BY]->(p) WHERE i.at >= $since RETURN i.at } AS times
