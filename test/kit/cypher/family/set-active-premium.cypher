// Test kit (write): set the stored ACTIVE annual premium of household $id to $premium, the
// value the work-list writes maintain in production, so a test can rank households by it.
MATCH (h:Household {id: $id})
SET h.activePremium = toInteger($premium)
