// Bulk first load: each merged-away OneID as the alias an online merge leaves, pointing at its final survivor.
UNWIND $rows AS row
MATCH (survivor:Person {oneId: row.into})
CREATE (:Alias {oneId: row.oneId, createdAt: row.createdAt, mergedAt: $at})-[:ALIAS_OF]->(survivor)
