// The referral ancestors of people whose influence (the premium of the tree below them) has
// just changed: theirs changes by the same amount. Each once, sorted, without the people given.
UNWIND $oneIds AS oneId
MATCH (:Person {oneId: oneId})<-[:REFERRED*1..10000]-(t:Person)
WITH DISTINCT t.oneId AS oneId
WHERE NOT oneId IN $oneIds
RETURN oneId ORDER BY oneId
