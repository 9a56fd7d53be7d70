// Test kit: the EVIDENCE links between the identifiers with keys $key and $otherKey (either
// direction): the event that saw them together and whether the merge was blocked by a limit.
MATCH (:Identifier {key: $key})-[e:EVIDENCE]-(:Identifier {key: $otherKey})
RETURN e.blocked AS blocked, e.eventId AS eventId
