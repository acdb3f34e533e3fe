-- Hallintolaki 28 § binds the coordinator and the decision maker of a round as it binds reviewers:
-- before the allocation each declares on which applications they are disqualified (none is a
-- declaration too), and the round names a substitute decision maker for the cases its decision
-- maker is disqualified on.
alter table grant_round add column substitute_decision_maker_user_id varchar(100);

create table grant_round_declaration (
    round_id     bigint        not null references grant_round (id),
    user_id      varchar(100)  not null,
    -- COORDINATOR, DECISION_MAKER, SUBSTITUTE
    role         varchar(20)   not null,
    note         varchar(2000),
    declared_at  timestamp with time zone not null,
    primary key (round_id, user_id, role)
);

-- A disqualification once declared stays: a later declaration may only add to it.
create table grant_round_disqualification (
    round_id        bigint        not null references grant_round (id),
    user_id         varchar(100)  not null,
    role            varchar(20)   not null,
    application_id  bigint        not null references grant_application (id),
    note            varchar(2000) not null,
    declared_at     timestamp with time zone not null,
    primary key (round_id, user_id, role, application_id)
);
