// For each candidate referrer, its region: the descendants reached without passing through
// another candidate (count, and premium read from each one's incoming tree edge), and the
// candidates on the region's border (with the premium of the edge that reaches them). Every
// person is walked once, in the region of its nearest candidate ancestor, so the cost is
// linear in the trees whatever their depth; the service adds nested regions up.
UNWIND $candidates AS cid
MATCH (c:Person {oneId: cid})
CALL (c) {
  OPTIONAL MATCH (c) (()-[:REFERRED]->(y:Person) WHERE NOT y.oneId IN $candidates){1,1000} (d:Person)
  OPTIONAL MATCH (:Person)-[r:REFERRED]->(d)
  RETURN count(r) AS regionSize, sum(coalesce(r.premium, 0)) AS regionPremium
}
CALL (c) {
  OPTIONAL MATCH (c) (()-[:REFERRED]->(y:Person) WHERE NOT y.oneId IN $candidates){0,999} (:Person)-[r:REFERRED]->(b:Person)
  WHERE b.oneId IN $candidates
  RETURN collect(CASE WHEN b IS NULL THEN null ELSE {oneId: b.oneId, premium: coalesce(r.premium, 0)} END) AS border
}
RETURN cid AS oneId, regionSize, regionPremium, border
