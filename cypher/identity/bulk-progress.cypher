MATCH (b:BulkLoad {id: $id})
RETURN b.step AS step, b.done AS done
