// Life events (family feature): one node per client-chosen id. Reads reach events from their
// person through the OF link, so no other index is needed. Every statement is idempotent.
CREATE CONSTRAINT life_event_id IF NOT EXISTS FOR (e:LifeEvent) REQUIRE e.id IS UNIQUE;
