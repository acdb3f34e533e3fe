-- What the grants dashboard across rounds reads (fi.silta.grants.GrantDashboard): per round, the euros granted by
-- the decisions in force and the applications they granted, in all (kind ROUND, code ''), per municipality
-- (MUNICIPALITY, its code) and per target group (TARGET_GROUP, its code; '' for applications from before target
-- groups were asked), each application's grant divided evenly among its municipalities (target groups). Written
-- whenever a decision of the round is (GrantDecisionRepository), so the page sums a few rows per round instead of
-- aggregating every decision ever made; rounds decided before this version are summed at start.
create table grant_round_total (
    round_id      bigint         not null references grant_round (id),
    kind          varchar(20)    not null,
    code          varchar(30)    not null,
    applications  bigint         not null,
    euros         numeric(20, 6) not null,
    primary key (round_id, kind, code)
);
