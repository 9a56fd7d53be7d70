// Bulk first load: how far the write phase got, written in the transaction of the rows it counts
// (so a resumed load neither repeats nor skips a batch).
MERGE (b:BulkLoad {id: $id})
SET b.step = $step, b.done = $done, b.at = $at
