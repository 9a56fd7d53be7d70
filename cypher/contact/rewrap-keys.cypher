// kingraph rotate-keys: store data keys re-wrapped by the newest master key. A key already
// re-wrapped or deleted meanwhile (erasure) is left alone: $rows carry the id they were read with.
UNWIND $rows AS row
MATCH (k:DataKey {id: row.id})
WHERE k.masterKeyId = row.from
SET k.cipher = row.cipher, k.iv = row.iv, k.tag = row.tag, k.masterKeyId = row.masterKeyId, k.rewrappedAt = $at
RETURN count(k) AS rewrapped
