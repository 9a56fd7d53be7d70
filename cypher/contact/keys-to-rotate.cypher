// kingraph rotate-keys: the next data keys wrapped by a known master key ($knownIds) that is not
// the newest one.
MATCH (k:DataKey)
WHERE k.masterKeyId <> $newest AND k.masterKeyId IN $knownIds
RETURN k {.id, .cipher, .iv, .tag, .masterKeyId} AS dataKey
LIMIT toInteger($limit)
