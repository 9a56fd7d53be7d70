// Serializes identity writes (ingest, split, forget): every such transaction takes this
// node's write lock first, so concurrent batches end in the same partition as running
// them one after another. Reads never take it.
MERGE (l:Lock {name: 'identity'})
SET l.seq = coalesce(l.seq, 0) + 1
