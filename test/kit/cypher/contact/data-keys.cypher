// Test kit: stored data keys by id ($ids), with their master key id and owner.
UNWIND $ids AS id
MATCH (k:DataKey {id: id})
OPTIONAL MATCH (k)-[:KEY_OF]->(owner:Person)
RETURN k.id AS id, k.masterKeyId AS masterKeyId, owner.oneId AS owner
