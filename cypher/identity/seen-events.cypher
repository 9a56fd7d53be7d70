UNWIND $eventIds AS eventId
MATCH (:IdentityEvent {eventId: eventId})
RETURN eventId
