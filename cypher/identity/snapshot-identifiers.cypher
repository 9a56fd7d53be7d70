// The identifiers of a batch as they are now, with the person each belongs to.
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
OPTIONAL MATCH (i)-[:IDENTIFIES]->(p:Person)
RETURN i.key AS key, i.type AS type, i.namespace AS namespace, i.masked AS masked,
       i.shared AS shared, i.firstSeenAt AS firstSeenAt, i.lastSeenAt AS lastSeenAt,
       p.oneId AS personOneId, i.dataKeyId IS NOT NULL AS sealed
