// Records the rules version the stored customer state now follows.
MERGE (m:DerivedState {name: 'customers'})
SET m.rulesVersion = $rulesVersion, m.builtAt = $at
