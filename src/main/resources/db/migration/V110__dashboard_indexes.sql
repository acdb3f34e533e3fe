-- A case's decisions were found by scanning every decision (grant_decision had indexes on round_id and,
-- since V105, application_id only): the case page and the rectification request read them by case_id.
-- Over 100 000 decisions (the dashboard benchmark's data, README "Dashboard benchmark") one lookup took
-- 8–9 ms on PostgreSQL and 0.02 ms with this index.
-- Camunda's history tables (ACT_HI_*) are the engine's and made after Flyway (engine.EngineAfterFlyway):
-- their indexes are not Silta's to add here (see README).
create index if not exists grant_decision_case on grant_decision (case_id);
