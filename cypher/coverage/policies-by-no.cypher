// Policies by policyNo (any status), with holder and insured.
UNWIND $policyNos AS policyNo
MATCH (pol:Policy {policyNo: policyNo})
OPTIONAL MATCH (pol)-[:HELD_BY]->(holder:Person)
OPTIONAL MATCH (pol)-[:INSURES]->(insured:Person)
RETURN policyNo, pol {.*} AS policy, holder.oneId AS holderOneId, insured.oneId AS insuredOneId
