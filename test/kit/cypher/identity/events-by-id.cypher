// Test kit: the stored identity events among $eventIds, with when each was applied (the
// commit time of the batch that applied it). An unknown eventId gives no row.
UNWIND $eventIds AS eventId
MATCH (e:IdentityEvent {eventId: eventId})
RETURN e.eventId AS eventId, e.appliedAt AS appliedAt
