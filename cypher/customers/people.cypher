// people(filter, orderBy, first, after): the people matching $f, never erased ones, started
// from the most selective index ($f.start: the advisor's households, the first tag, the
// tiers, the segments, else every person), with every bound checked on the stored state;
// then their count and the page after the cursor ($afterKey, $afterId; key = score, or last
// activity with none as '' so it sorts last), key descending then OneID.
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
WITH p, CASE $order WHEN 'SCORE_DESC' THEN p.cvScore ELSE coalesce(p.cvLastActivityAt, '') END AS key
WITH collect({p: p, key: key}) AS rows
CALL (rows) {
  UNWIND rows AS row
  WITH row WHERE $afterId IS NULL OR row.key < $afterKey OR (row.key = $afterKey AND row.p.oneId > $afterId)
  WITH row.p AS p, row.key AS key ORDER BY key DESC, p.oneId ASC LIMIT toInteger($limit)
  RETURN collect({person: p {.*}, key: key}) AS page
}
RETURN size(rows) AS total, page
