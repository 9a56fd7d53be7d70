// Every node with its labels and properties (a whole-database dump: for a test's private database).
MATCH (n)
RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props
