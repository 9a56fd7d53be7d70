// test/integration/db/statements.test.ts: a statement that fails at run time (division by zero).
RETURN 1 / toInteger($zero) AS n
