// The current data key of each person (wrapped), created from the row's candidate when the
// person has none (a new person, a split piece, or one stored before encryption existed).
// $rows: [{oneId, candidate: {id, cipher, iv, tag, masterKeyId}}]; identity writes hold the
// identity lock, so two transactions never create a key for one person.
UNWIND $rows AS row
MATCH (p:Person {oneId: row.oneId})
OPTIONAL MATCH (current:DataKey {id: p.dataKeyId})
FOREACH (_ IN CASE WHEN current IS NULL THEN [1] ELSE [] END |
  CREATE (:DataKey {id: row.candidate.id, cipher: row.candidate.cipher, iv: row.candidate.iv, tag: row.candidate.tag,
                    masterKeyId: row.candidate.masterKeyId, createdAt: $at})-[:KEY_OF]->(p)
  SET p.dataKeyId = row.candidate.id)
WITH row, p
MATCH (k:DataKey {id: p.dataKeyId})
RETURN row.oneId AS oneId, k {.id, .cipher, .iv, .tag, .masterKeyId} AS key
