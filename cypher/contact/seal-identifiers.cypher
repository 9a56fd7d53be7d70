// Store each identifier's encrypted value and the id of the data key that sealed it.
// $rows: [{key, cipher, iv, tag, dataKeyId}].
UNWIND $rows AS row
MATCH (i:Identifier {key: row.key})
SET i.cipher = row.cipher, i.cipherIv = row.iv, i.cipherTag = row.tag, i.dataKeyId = row.dataKeyId
