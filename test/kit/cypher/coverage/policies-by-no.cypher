// Test kit: the Policy nodes with policyNo $policyNo (one row each; none when nothing was written).
MATCH (p:Policy {policyNo: $policyNo})
RETURN p.policyNo AS policyNo
