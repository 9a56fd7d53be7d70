// Person export: the person's attributes (what identity holds besides identifiers) and the
// OneIDs merged into it.
MATCH (p:Person {oneId: $oneId})
RETURN p {.oneId, .displayName, .gender, .birthDate, .annualIncome, .premiumBudget, .forgotten, .forgottenAt, .splitFrom, .splitAt} AS person,
       COLLECT { MATCH (a:Alias)-[:ALIAS_OF]->(p) RETURN a.oneId ORDER BY a.oneId } AS mergedOneIds
