// The people a batch creates, each with its data key when the batch seals values of it.
// $rows: [{oneId, createdAt, dataKey: {id, cipher, iv, tag, masterKeyId} | null}]
UNWIND $rows AS row
CREATE (p:Person {oneId: row.oneId, createdAt: row.createdAt, gender: 'UNKNOWN', dataKeyId: row.dataKey.id})
WITH p, row.dataKey AS k
WHERE k IS NOT NULL
CREATE (:DataKey {id: k.id, cipher: k.cipher, iv: k.iv, tag: k.tag, masterKeyId: k.masterKeyId, createdAt: $at})-[:KEY_OF]->(p)
