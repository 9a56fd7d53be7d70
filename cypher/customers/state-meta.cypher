// The rules version the stored customer state was computed with (null: never built).
OPTIONAL MATCH (m:DerivedState {name: 'customers'})
RETURN m.rulesVersion AS rulesVersion
