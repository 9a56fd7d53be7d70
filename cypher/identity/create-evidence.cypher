UNWIND $rows AS row
MATCH (a:Identifier {key: row.fromKey})
MATCH (b:Identifier {key: row.toKey})
CREATE (a)-[:EVIDENCE {eventId: row.eventId, source: row.source, observedAt: row.observedAt, blocked: row.blocked}]->(b)
