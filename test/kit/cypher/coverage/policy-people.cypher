// Test kit: the people policy $policyNo points at, by relationship type (HELD_BY: the
// holder, INSURES: the insured), sorted by type.
MATCH (:Policy {policyNo: $policyNo})-[r]->(p:Person)
RETURN type(r) AS type, p.oneId AS oneId
ORDER BY type
