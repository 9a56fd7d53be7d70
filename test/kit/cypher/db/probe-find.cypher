// Test kit: the probe nodes with this id (see probe-create), one row each.
MATCH (p:Probe {id: $id})
RETURN p.id AS id
