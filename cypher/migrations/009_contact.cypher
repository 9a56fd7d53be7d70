// Contact (src/contact): per-person data keys, consent statements and the append-only access
// log. Every statement is idempotent. Identifiers stored before encryption keep no ciphertext
// (they are answered as hash-only until re-ingested; see the README's Privacy section).
CREATE CONSTRAINT data_key_id IF NOT EXISTS FOR (k:DataKey) REQUIRE k.id IS UNIQUE;
CREATE INDEX data_key_master IF NOT EXISTS FOR (k:DataKey) ON (k.masterKeyId);
CREATE CONSTRAINT consent_id IF NOT EXISTS FOR (c:Consent) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT access_log_id IF NOT EXISTS FOR (e:AccessLogEntry) REQUIRE e.id IS UNIQUE;
CREATE INDEX access_log_at IF NOT EXISTS FOR (e:AccessLogEntry) ON (e.at);
CREATE INDEX access_log_one_id IF NOT EXISTS FOR (e:AccessLogEntry) ON (e.oneId, e.at);
CREATE INDEX access_log_actor IF NOT EXISTS FOR (e:AccessLogEntry) ON (e.actor, e.at);
