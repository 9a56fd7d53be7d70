// Per-depth aggregates of each root's referral tree down to maxDepth (<= $$MAX_DEPTH$$, this
// statement's literal bound): people at each depth, how many converted, their premium (read
// from each person's incoming tree edge). min(length(p)) per end node lets the planner walk
// breadth-first with pruning (each person once, no path built per row: linear in the tree,
// also for a chain 1,000 deep).
// A template: Cypher cannot parameterize a variable-length bound, so treeLevelsStatement
// (src/referral/referral.repository.ts) puts one fixed depth tier (10, 100, 1000) in place of
// each MAX_DEPTH placeholder (`$$` is no Cypher syntax: an unfilled template fails to parse).
UNWIND $roots AS q
MATCH (root:Person {oneId: q.oneId})
CALL (root, q) {
  MATCH p = (root)-[:REFERRED*1..$$MAX_DEPTH$$]->(d)
  WITH d, min(length(p)) AS depth
  WHERE depth <= q.maxDepth
  MATCH ()-[r:REFERRED]->(d)
  WITH depth, count(*) AS accepted, count(r.premium) AS converted, sum(coalesce(r.premium, 0)) AS premium
  ORDER BY depth
  RETURN collect({depth: depth, accepted: accepted, converted: converted, premium: premium}) AS levels
}
RETURN q.oneId AS oneId, q.maxDepth AS maxDepth, levels
