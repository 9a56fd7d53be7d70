// Test kit: how many data keys each master key id wraps.
MATCH (k:DataKey)
RETURN k.masterKeyId AS masterKeyId, count(*) AS keys
