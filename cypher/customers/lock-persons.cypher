// Write-locks people ($oneIds, sorted) until commit, so two writers of one person compute its
// customer state one after the other, each from committed inputs.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
SET p.cvLock = coalesce(p.cvLock, 0) + 1
RETURN count(p) AS locked
