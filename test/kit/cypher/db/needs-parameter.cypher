// test/integration/db/statements.test.ts: a statement sent without its parameter.
RETURN $missing + 1 AS n
