// Person export: the policies the person holds or is insured by, with both parties' OneIDs.
MATCH (pol:Policy)-[:HELD_BY|INSURES]->(:Person {oneId: $oneId})
WITH DISTINCT pol
OPTIONAL MATCH (pol)-[:HELD_BY]->(holder:Person)
OPTIONAL MATCH (pol)-[:INSURES]->(insured:Person)
RETURN pol {.policyNo, .productType, .sumAssured, .annualPremium, .status, .startDate, .endDate} AS policy,
       holder.oneId AS holder, insured.oneId AS insured
ORDER BY pol.startDate, pol.policyNo
