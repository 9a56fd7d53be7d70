// Customer value (src/customers): interactions by client id, tags by name, and the stored
// per-person state (cv*: tier, segment, score, last activity, calendar validity) read by the
// people list and summary and by the daily staleness check. Every statement is idempotent.
CREATE CONSTRAINT interaction_id IF NOT EXISTS FOR (i:Interaction) REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT tag_name IF NOT EXISTS FOR (t:Tag) REQUIRE t.name IS UNIQUE;
CREATE INDEX person_cv_tier IF NOT EXISTS FOR (p:Person) ON (p.cvTier);
CREATE INDEX person_cv_segment IF NOT EXISTS FOR (p:Person) ON (p.cvSegment);
CREATE INDEX person_cv_score IF NOT EXISTS FOR (p:Person) ON (p.cvScore);
CREATE INDEX person_cv_last_activity IF NOT EXISTS FOR (p:Person) ON (p.cvLastActivityAt);
CREATE INDEX person_cv_valid_to IF NOT EXISTS FOR (p:Person) ON (p.cvValidTo);
CREATE INDEX person_cv_as_of IF NOT EXISTS FOR (p:Person) ON (p.cvAsOf);
CREATE INDEX person_birth_date IF NOT EXISTS FOR (p:Person) ON (p.birthDate);
