// The rules version the stored work-list state was computed with (null: never built).
OPTIONAL MATCH (m:DerivedState {name: 'worklist'})
RETURN m.rulesVersion AS rulesVersion
