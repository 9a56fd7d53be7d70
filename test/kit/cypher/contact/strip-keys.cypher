// Test kit (set-up): make this person ($oneId) look stored before encryption existed: no data
// key and no ciphertext on any of its identifiers (as after migration 009 on an old database).
MATCH (p:Person {oneId: $oneId})
OPTIONAL MATCH (k:DataKey)-[:KEY_OF]->(p)
DETACH DELETE k
WITH DISTINCT p
REMOVE p.dataKeyId
WITH p
MATCH (i:Identifier)-[:IDENTIFIES]->(p)
REMOVE i.sealed, i.dataKeyId
