// test/integration/db/statements.test.ts: a plain read (numbers and strings come back as JS values).
RETURN 41 + 1 AS n, "x" AS s
