UNWIND $oneIds AS oneId
MATCH (:Person {oneId: oneId})<-[:ALIAS_OF]-(a:Alias)
RETURN oneId, a.oneId AS alias
ORDER BY oneId, a.mergedAt, a.oneId
