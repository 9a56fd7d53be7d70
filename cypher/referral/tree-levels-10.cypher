// Per-depth aggregates of each root's referral tree down to maxDepth (<= 10, this
// statement's literal bound): people at each depth, how many converted, their premium (read
// from the tree edge). One bounded expansion per root; no invitation look-ups.
UNWIND $roots AS q
MATCH (root:Person {oneId: q.oneId})
CALL (root, q) {
  MATCH p = (root)-[:REFERRED*1..10]->(:Person)
  WHERE length(p) <= q.maxDepth
  WITH length(p) AS depth, last(relationships(p)) AS r
  WITH depth, count(*) AS accepted, count(r.premium) AS converted, sum(coalesce(r.premium, 0)) AS premium
  ORDER BY depth
  RETURN collect({depth: depth, accepted: accepted, converted: converted, premium: premium}) AS levels
}
RETURN q.oneId AS oneId, q.maxDepth AS maxDepth, levels
