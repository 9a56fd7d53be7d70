// The top ancestor of each person in the referral tree (itself when nobody invited it) and
// its distance, found breadth-first upward within the chain bound; read before locking the
// tops of a batch of acceptances.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
CALL (p) {
  OPTIONAL MATCH path = (a:Person)-[:REFERRED*1..10000]->(p)
  WITH a, min(length(path)) AS k
  ORDER BY k DESC
  RETURN collect(a)[0] AS top, coalesce(max(k), 0) AS depth
}
RETURN oneId, coalesce(top, p).oneId AS topOneId, depth
