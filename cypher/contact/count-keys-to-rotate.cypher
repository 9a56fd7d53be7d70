// kingraph rotate-keys: how many data keys are not yet wrapped by the newest master key, and
// how many of them are wrapped by a master key the keyring does not hold ($knownIds): those cannot
// be re-wrapped (nor read) until their key is configured again.
MATCH (k:DataKey)
WHERE k.masterKeyId <> $newest
RETURN count(k) AS remaining, count(CASE WHEN NOT k.masterKeyId IN $knownIds THEN 1 END) AS unknown
