// Test kit: the property map of every node, then of every relationship, in the whole
// database (privacy scans: no raw identifier value may appear anywhere). Scans everything.
MATCH (n)
RETURN properties(n) AS properties
UNION ALL
MATCH ()-[r]->()
RETURN properties(r) AS properties
