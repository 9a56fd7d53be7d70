// Take the write lock of each person (sorted ids, so concurrent writers lock in the same
// order) before family and household checks, so a check and its write see the same
// state. The property is set and removed again: only the lock remains until commit.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
SET p.familyLock = true
REMOVE p.familyLock
RETURN count(p) AS locked
