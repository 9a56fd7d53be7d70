// Test kit: every EVIDENCE link recorded by one of the events $eventIds (one row per link).
MATCH ()-[e:EVIDENCE]->()
WHERE e.eventId IN $eventIds
RETURN e.eventId AS eventId
