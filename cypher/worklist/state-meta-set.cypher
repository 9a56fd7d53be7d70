// Records the rules version the stored work-list state now follows.
MERGE (m:DerivedState {name: 'worklist'})
SET m.rulesVersion = $rulesVersion, m.builtAt = $at
