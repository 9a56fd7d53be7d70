// Remove a person from a household; no row when it was not a member.
MATCH (:Person {oneId: $oneId})-[m:MEMBER_OF]->(h:Household {id: $householdId})
DELETE m
RETURN h {.*} AS household
