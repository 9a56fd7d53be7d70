// Append one access-log entry (a reveal or an export attempt, granted or denied), in the
// transaction of the read it records. Entries are never updated or deleted by the service.
CREATE (:AccessLogEntry {id: $entry.id, at: $entry.at, actor: $entry.actor, actorRole: $entry.actorRole, oneId: $entry.oneId,
                         action: $entry.action, types: $entry.types, purpose: $entry.purpose,
                         justification: $entry.justification, outcome: $entry.outcome})
