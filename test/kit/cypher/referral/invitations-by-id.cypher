// Test kit: the Invitation nodes with id $id (one row each), with when each was recorded and
// how many INVITER links it has.
MATCH (i:Invitation {id: $id})
RETURN i.recordedAt AS recordedAt, COUNT { (i)-[:INVITER]->() } AS inviters
