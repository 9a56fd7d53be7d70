// kingraph rotate-keys: the next data keys not yet wrapped by the newest master key.
MATCH (k:DataKey)
WHERE k.masterKeyId <> $newest
RETURN k {.id, .cipher, .iv, .tag, .masterKeyId} AS dataKey
LIMIT toInteger($limit)
