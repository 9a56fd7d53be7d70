UNWIND $keys AS key
MATCH (i:Identifier {key: key})
OPTIONAL MATCH (i)-[:IDENTIFIES]->(p:Person)
RETURN i {.key, .type, .namespace, .masked, .shared, .firstSeenAt, .lastSeenAt} AS identifier, p.oneId AS oneId
