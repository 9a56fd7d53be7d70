// What a household's stored work-list state is, in short, for the write path's diff: the hash
// of its summary and, per item, its key, content hash and count class. In a write,
// lock-households runs first.
UNWIND $ids AS hid
MATCH (h:Household {id: hid})
OPTIONAL MATCH (w:WorkItem {householdId: hid})
RETURN hid AS householdId, h.stateHash AS hash, collect(CASE WHEN w IS NULL THEN null ELSE [w.key, w.hash, w.countKey] END) AS items
