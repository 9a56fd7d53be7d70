// Every person's OneID after $after, in OneID order ($limit a page): rebuilding every stored
// customer state when the rules change.
MATCH (p:Person) WHERE p.oneId > $after
RETURN p.oneId AS oneId ORDER BY oneId LIMIT toInteger($limit)
