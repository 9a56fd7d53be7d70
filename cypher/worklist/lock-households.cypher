// Write-locks households ($ids, sorted) until commit, so two writers of one household compute
// its state one after the other, each from committed inputs.
UNWIND $ids AS hid
MATCH (h:Household {id: hid})
SET h.stateLock = coalesce(h.stateLock, 0) + 1
RETURN count(h) AS locked
