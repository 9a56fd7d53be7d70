// Store each identifier's encrypted value (IV, tag and ciphertext in one property) and the id
// of the data key that sealed it. $rows: [{key, sealed, dataKeyId}].
UNWIND $rows AS row
MATCH (i:Identifier {key: row.key})
SET i.sealed = row.sealed, i.dataKeyId = row.dataKeyId
