// Every relationship with its ends, type and properties (a whole-database dump: for a test's private database).
MATCH (a)-[r]->(b)
RETURN elementId(a) AS from, type(r) AS type, elementId(b) AS to, properties(r) AS props
