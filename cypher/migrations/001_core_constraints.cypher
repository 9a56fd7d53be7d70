// Core constraints and indexes of the kingraph graph. Every statement is idempotent.
// Identity
CREATE CONSTRAINT person_oneid IF NOT EXISTS FOR (p:Person) REQUIRE p.oneId IS UNIQUE;
CREATE CONSTRAINT alias_oneid IF NOT EXISTS FOR (a:Alias) REQUIRE a.oneId IS UNIQUE;
CREATE CONSTRAINT identifier_key IF NOT EXISTS FOR (i:Identifier) REQUIRE i.key IS UNIQUE;
CREATE CONSTRAINT identity_event_id IF NOT EXISTS FOR (e:IdentityEvent) REQUIRE e.eventId IS UNIQUE;
CREATE CONSTRAINT erased_identifier_key IF NOT EXISTS FOR (t:ErasedIdentifier) REQUIRE t.key IS UNIQUE;
CREATE CONSTRAINT lock_name IF NOT EXISTS FOR (l:Lock) REQUIRE l.name IS UNIQUE;
// Family
CREATE CONSTRAINT household_id IF NOT EXISTS FOR (h:Household) REQUIRE h.id IS UNIQUE;
CREATE INDEX household_advisor IF NOT EXISTS FOR (h:Household) ON (h.advisorId);
// Coverage
CREATE CONSTRAINT policy_no IF NOT EXISTS FOR (p:Policy) REQUIRE p.policyNo IS UNIQUE;
// Referral
CREATE CONSTRAINT invitation_id IF NOT EXISTS FOR (i:Invitation) REQUIRE i.id IS UNIQUE;
CREATE INDEX invitation_campaign IF NOT EXISTS FOR (i:Invitation) ON (i.campaign);
CREATE INDEX invitation_channel IF NOT EXISTS FOR (i:Invitation) ON (i.channel);
CREATE INDEX invitation_advisor IF NOT EXISTS FOR (i:Invitation) ON (i.advisorId);
CREATE INDEX invitation_sent_at IF NOT EXISTS FOR (i:Invitation) ON (i.sentAt);
