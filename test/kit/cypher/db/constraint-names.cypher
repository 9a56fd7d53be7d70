// Test kit: the names of every constraint in the database (migrations must leave them as they are).
SHOW CONSTRAINTS YIELD name
RETURN collect(name) AS names
