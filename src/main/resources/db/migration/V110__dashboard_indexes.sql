-- A case's decisions were found by scanning every decision (grant_decision had an index on round_id
-- only): the case page, the rectification request and the decision lookups of an application. Over
-- 100 000 decisions (the dashboard benchmark's data, README "Dashboard benchmark") one lookup took
-- 8–9 ms on PostgreSQL and 0.02–0.04 ms with these indexes.
-- Camunda's history tables (ACT_HI_*) are the engine's and made after Flyway (engine.EngineAfterFlyway):
-- their indexes are not Silta's to add here (see README).
create index if not exists grant_decision_application on grant_decision (application_id, stage);
create index if not exists grant_decision_case on grant_decision (case_id);
