// Erasure tombstones among a batch's keys, with the erasure time (null for tombstones written
// before it was recorded: they block every event).
UNWIND $keys AS key
MATCH (t:ErasedIdentifier {key: key})
RETURN key, t.erasedAt AS erasedAt
