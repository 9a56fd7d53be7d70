// peopleSummary(filter): the people matching $f exactly as people.cypher selects them, counted
// by segment and tier (with their revenue), and their tags counted by name.
CALL () {
  WITH 1 AS one WHERE $f.start = 'advisor'
  MATCH (:Household {advisorId: $f.advisorId})<-[:MEMBER_OF]-(p:Person)
  RETURN DISTINCT p
  UNION
  WITH 1 AS one WHERE $f.start = 'tag'
  MATCH (:Tag {name: $f.tags[0]})<-[:TAGGED]-(p:Person)
  RETURN p
  UNION
  WITH 1 AS one WHERE $f.start = 'tier'
  MATCH (p:Person) WHERE p.cvTier IN $f.tiers
  RETURN p
  UNION
  WITH 1 AS one WHERE $f.start = 'segment'
  MATCH (p:Person) WHERE p.cvSegment IN $f.segments
  RETURN p
  UNION
  WITH 1 AS one WHERE $f.start = 'all'
  MATCH (p:Person)
  RETURN p
}
WITH p WHERE coalesce(p.forgotten, false) = false
  AND ($f.advisorId IS NULL OR EXISTS { (p)-[:MEMBER_OF]->(:Household {advisorId: $f.advisorId}) })
  AND ($f.tiers IS NULL OR p.cvTier IN $f.tiers)
  AND ($f.segments IS NULL OR p.cvSegment IN $f.segments)
  AND ($f.minScore IS NULL OR p.cvScore >= $f.minScore)
  AND ($f.bornOnOrBefore IS NULL OR p.birthDate <= $f.bornOnOrBefore)
  AND ($f.bornAfter IS NULL OR p.birthDate > $f.bornAfter)
  AND all(tag IN $f.tags WHERE EXISTS { (p)-[:TAGGED]->(:Tag {name: tag}) })
WITH collect(p) AS ps
CALL (ps) {
  UNWIND ps AS p
  WITH p.cvSegment AS segment, p.cvTier AS tier, count(*) AS n, sum(p.cvRevenue) AS revenue
  RETURN collect({segment: segment, tier: tier, count: n, revenue: revenue}) AS groups
}
CALL (ps) {
  UNWIND ps AS p
  MATCH (p)-[:TAGGED]->(t:Tag)
  WITH t.name AS name, count(*) AS n
  RETURN collect({name: name, count: n}) AS tags
}
RETURN groups, tags
