-- A draft is found by round and organisation (every form page and submission of the portal, several
-- times). With an index on round_id alone, a plan made while the round had few applications (new
-- round, statistics not yet analysed) kept reading every application of the round for each lookup:
-- about 1 000 rows per lookup in the benchmark. With both columns in both indexes, whichever the
-- planner takes reads only the organisation's rows; lookups by round alone use the leading column.
drop index grant_application_round;
create index grant_application_round on grant_application (round_id, organisation_id);
