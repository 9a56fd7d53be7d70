// Adds each delta to its count class ($deltas sorted by key, the order locks are taken in:
// {key, advisorId, kind, validFrom, validTo, monthDay, delta}), creating a class on its first
// item and deleting it when its count reaches 0 (src/worklist/counts.ts).
UNWIND $deltas AS d
MERGE (c:WorkCount {key: d.key})
  ON CREATE SET c.advisorId = d.advisorId, c.kind = d.kind, c.validFrom = d.validFrom, c.validTo = d.validTo,
                c.monthDay = d.monthDay, c.n = 0
SET c.n = c.n + d.delta
WITH c
WHERE c.n <= 0
DELETE c
