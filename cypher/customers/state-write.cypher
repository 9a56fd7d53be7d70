// Stores each person's customer state ($rows: {oneId, revenue, influence, score, tier,
// segment, ruleTags, lastActivityAt, validTo}, with $asOf the business day it was computed
// for) and makes its RULE tags exactly `ruleTags`: a tag that appears is linked with since =
// $now, one that disappears is unlinked, one that stays keeps its since.
UNWIND $rows AS row
MATCH (p:Person {oneId: row.oneId})
SET p.cvRevenue = row.revenue, p.cvInfluence = row.influence, p.cvScore = toFloat(row.score),
    p.cvTier = row.tier, p.cvSegment = row.segment, p.cvLastActivityAt = row.lastActivityAt,
    p.cvValidTo = row.validTo, p.cvAsOf = $asOf
WITH p, row
CALL (p, row) {
  OPTIONAL MATCH (p)-[r:TAGGED {source: 'RULE'}]->(t:Tag)
  WITH r, t WHERE r IS NOT NULL AND NOT t.name IN row.ruleTags
  DELETE r
}
CALL (p, row) {
  UNWIND row.ruleTags AS name
  MERGE (t:Tag {name: name})
  WITH p, t WHERE NOT EXISTS { (p)-[:TAGGED {source: 'RULE'}]->(t) }
  CREATE (p)-[:TAGGED {source: 'RULE', since: $now}]->(t)
}
RETURN count(p) AS written
