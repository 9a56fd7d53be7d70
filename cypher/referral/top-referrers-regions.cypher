// For each candidate referrer, its region: the descendants reached without passing through
// another candidate (count, and premium read from each one's incoming tree edge), and the
// candidates on the region's border (with the premium of the edge that reaches them). One
// walk per candidate over its region's edges, so every person is reached once, from its
// nearest candidate ancestor: linear in the trees whatever their depth. The service adds
// nested regions up (rankReferrers).
UNWIND $candidates AS cid
MATCH (c:Person {oneId: cid})
CALL (c) {
  OPTIONAL MATCH (c) (()-[:REFERRED]->(y) WHERE NOT y.oneId IN $candidates){0,999} ()-[r:REFERRED]->(b)
  WITH r, b, b.oneId IN $candidates AS nested
  RETURN count(CASE WHEN NOT nested THEN 1 END) AS regionSize,
         sum(CASE WHEN nested THEN 0 ELSE coalesce(r.premium, 0) END) AS regionPremium,
         collect(CASE WHEN nested THEN {oneId: b.oneId, premium: coalesce(r.premium, 0)} END) AS border
}
RETURN cid AS oneId, regionSize, regionPremium, border
