// Test kit: the LifeEvent nodes carrying the client-chosen id $id (one row each).
MATCH (e:LifeEvent {id: $id})
RETURN e.id AS id
