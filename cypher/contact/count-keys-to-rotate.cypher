// kingraph rotate-keys: how many data keys are not yet wrapped by the newest master key.
MATCH (k:DataKey)
WHERE k.masterKeyId <> $newest
RETURN count(k) AS remaining
