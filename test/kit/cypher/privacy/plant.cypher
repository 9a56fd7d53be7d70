// Test kit (privacy sweep self-test): a probe node holding $text in a property.
CREATE (:SweepProbe {id: $id, note: $text})
