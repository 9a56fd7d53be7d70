// The stored links that checking new family links around $oneIds needs: every PARENT link
// among their ancestors (up to 20 generations up, as the cycle check walks) and every
// SPOUSE / SIBLING link touching one of them, each with its `since` (null: none). PARENT
// rows are parent (a) -> child (b).
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
CALL (p) {
  MATCH (p)<-[:PARENT_OF*0..19]-(c:Person)<-[r:PARENT_OF]-(parent:Person)
  RETURN 'PARENT' AS relation, parent.oneId AS a, c.oneId AS b, r.since AS since
  UNION
  MATCH (p)-[r:SPOUSE_OF|SIBLING_OF]-(q:Person)
  RETURN CASE type(r) WHEN 'SPOUSE_OF' THEN 'SPOUSE' ELSE 'SIBLING' END AS relation, p.oneId AS a, q.oneId AS b, r.since AS since
}
RETURN DISTINCT relation, a, b, since
