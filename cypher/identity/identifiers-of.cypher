// Personal identifiers (not shared home devices) of each person.
UNWIND $oneIds AS oneId
MATCH (:Person {oneId: oneId})<-[:IDENTIFIES]-(i:Identifier)
RETURN oneId, i {.key, .type, .namespace, .masked, .shared, .firstSeenAt, .lastSeenAt} AS identifier
ORDER BY oneId, i.type, i.firstSeenAt, i.key
