// Policies (any status) on which each person is the insured, by startDate then policyNo.
UNWIND $oneIds AS oneId
MATCH (pol:Policy)-[:INSURES]->(:Person {oneId: oneId})
OPTIONAL MATCH (pol)-[:HELD_BY]->(holder:Person)
RETURN oneId, pol {.*} AS policy, holder.oneId AS holderOneId
ORDER BY pol.startDate, pol.policyNo
