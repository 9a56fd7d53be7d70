UNWIND $rows AS row
CREATE (:IdentityEvent {eventId: row.eventId, source: row.source, observedAt: row.observedAt, appliedAt: $appliedAt})
