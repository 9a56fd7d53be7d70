// Empty a test's private database (never the shared one) of its data; the bookkeeping a
// started service keeps (applied migrations, derived-state versions) stays.
MATCH (n)
WHERE NOT n:Migration AND NOT n:DerivedState
DETACH DELETE n
