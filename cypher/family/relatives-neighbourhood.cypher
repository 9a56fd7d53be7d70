// The family neighbourhood of each (person, maxDegree): everyone within maxDegree family
// links of the person (bounded walk) and every family link among them, so kinship can be
// derived from all shortest paths in TS. A pattern's bounds cannot be parameters, hence
// one branch per allowed degree (1 to 4); only the branch of the row's degree runs.
// A person without family links returns no row.
UNWIND $starts AS s
MATCH (p:Person {oneId: s.oneId})
CALL (p, s) {
  WITH p, s WHERE s.maxDegree = 1
  MATCH (p)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF]-(x:Person)
  RETURN x
  UNION
  WITH p, s WHERE s.maxDegree = 2
  MATCH (p)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF*1..2]-(x:Person)
  RETURN x
  UNION
  WITH p, s WHERE s.maxDegree = 3
  MATCH (p)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF*1..3]-(x:Person)
  RETURN x
  UNION
  WITH p, s WHERE s.maxDegree = 4
  MATCH (p)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF*1..4]-(x:Person)
  RETURN x
}
WITH s, p, collect(x) AS near
WITH s, near + p AS around
CALL (around) {
  UNWIND around AS a
  MATCH (a)-[r:PARENT_OF|SPOUSE_OF|SIBLING_OF]->(b:Person)
  WHERE b IN around
  RETURN collect({from: a.oneId, to: b.oneId, type: type(r)}) AS links
}
RETURN s.oneId AS oneId, s.maxDegree AS maxDegree, [n IN around | n {.*}] AS persons, links
