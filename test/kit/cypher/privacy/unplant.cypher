// Test kit (privacy sweep self-test): remove the probe node.
MATCH (n:SweepProbe {id: $id})
DELETE n
