// Remove every evidence link of the split identifier, then move each detached piece to a
// new person of its own. $pieces: [{oneId, createdAt, keys}].
MATCH (x:Identifier {key: $key})
CALL (x) {
  MATCH (x)-[e:EVIDENCE]-()
  DELETE e
}
WITH x
UNWIND $pieces AS piece
CREATE (np:Person {oneId: piece.oneId, createdAt: piece.createdAt, gender: 'UNKNOWN', splitFrom: $oneId, splitReason: $reason, splitAt: $at})
WITH np, piece
UNWIND piece.keys AS k
MATCH (i:Identifier {key: k})-[old:IDENTIFIES]->(:Person)
DELETE old
CREATE (i)-[:IDENTIFIES]->(np)
RETURN count(*) AS moved
