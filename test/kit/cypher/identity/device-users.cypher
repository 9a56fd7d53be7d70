// Test kit: the people linked as users of the device identifier with key $key (one row per
// USES_DEVICE link).
MATCH (:Identifier {key: $key})<-[:USES_DEVICE]-(p)
RETURN p.oneId AS oneId
