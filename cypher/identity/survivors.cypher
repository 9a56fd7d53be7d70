// The live person each OneID stands for (a merged-away OneID resolves to its survivor), and
// whether it was erased; OneIDs of nobody are left out. Ids only: the person references of a
// batch need no more than this.
UNWIND $oneIds AS oneId
OPTIONAL MATCH (direct:Person {oneId: oneId})
OPTIONAL MATCH (:Alias {oneId: oneId})-[:ALIAS_OF]->(aliased:Person)
WITH oneId, coalesce(direct, aliased) AS p
WHERE p IS NOT NULL
RETURN oneId AS requested, p.oneId AS oneId, coalesce(p.forgotten, false) AS forgotten
