// Bulk first load: how many of these identifier keys (tombstones included) and event ids the
// database already holds. A bulk load needs them all new: it plans without reading the graph.
RETURN COUNT { MATCH (i:Identifier) WHERE i.key IN $keys } +
       COUNT { MATCH (t:ErasedIdentifier) WHERE t.key IN $keys } AS keys,
       COUNT { MATCH (e:IdentityEvent) WHERE e.eventId IN $eventIds } AS events
