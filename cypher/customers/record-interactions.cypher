// Records interactions ($rows: {id, oneId, channel, kind, productType, at, source}, each id
// once) linked to their person: an id already recorded (also by a concurrent batch) is left as
// it is. $batch marks what this call created; returns the OneIDs of the created ones.
UNWIND $rows AS row
MATCH (p:Person {oneId: row.oneId})
MERGE (i:Interaction {id: row.id})
  ON CREATE SET i.channel = row.channel, i.kind = row.kind, i.productType = row.productType,
                i.at = row.at, i.source = row.source, i.recordedAt = $now, i.batch = $batch
WITH p, i WHERE i.batch = $batch
CREATE (i)-[:BY]->(p)
RETURN p.oneId AS oneId
