// Work-list state: items read by advisor, kind and score (page and count), replaced by
// household; households found by their state's validity (stale-households).
CREATE INDEX work_item_rank IF NOT EXISTS FOR (w:WorkItem) ON (w.advisorId, w.kind, w.score);
CREATE INDEX work_item_household IF NOT EXISTS FOR (w:WorkItem) ON (w.householdId);
CREATE INDEX household_state_valid_to IF NOT EXISTS FOR (h:Household) ON (h.advisorId, h.stateValidTo);
CREATE INDEX household_state_as_of IF NOT EXISTS FOR (h:Household) ON (h.advisorId, h.stateAsOf);
CREATE INDEX household_gap_score IF NOT EXISTS FOR (h:Household) ON (h.advisorId, h.gapScore);
CREATE CONSTRAINT derived_state_name IF NOT EXISTS FOR (m:DerivedState) REQUIRE m.name IS UNIQUE;
