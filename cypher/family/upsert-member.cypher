// Add a person to a household, or set its role when it is already a member.
MATCH (h:Household {id: $householdId})
MATCH (p:Person {oneId: $oneId})
MERGE (p)-[m:MEMBER_OF]->(h)
ON CREATE SET m.since = $at
SET m.role = $role
RETURN h {.*} AS household
