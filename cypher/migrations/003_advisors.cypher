// Advisors (src/advisors): one record per advisorId, and orphan households ranked by their
// ACTIVE annual premium. Every statement is idempotent.
// (:Household).advisorId is already indexed by 001_core_constraints (household_advisor).
CREATE CONSTRAINT advisor_id IF NOT EXISTS FOR (a:Advisor) REQUIRE a.advisorId IS UNIQUE;
CREATE RANGE INDEX household_active_premium IF NOT EXISTS FOR (h:Household) ON (h.activePremium);
