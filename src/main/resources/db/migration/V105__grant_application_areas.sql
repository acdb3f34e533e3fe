-- What the dashboards count grants by (fi.silta.grants.GrantDashboard): the municipalities an application
-- names (also in grant_application.municipalities, comma-separated, as the form gave them) and the target
-- groups it chose, a row each. Written when an application is submitted; applications submitted before
-- this version get their municipality rows at start (GrantApplicationRepository.indexMunicipalities).
create table grant_application_municipality (
    application_id  bigint       not null references grant_application (id),
    code            varchar(3)   not null,
    primary key (application_id, code)
);
create index grant_application_municipality_code on grant_application_municipality (code);

create table grant_application_target_group (
    application_id  bigint       not null references grant_application (id),
    code            varchar(30)  not null,
    primary key (application_id, code)
);
create index grant_application_target_group_code on grant_application_target_group (code);

-- an application's decision in force is its newest (a rectification's over the round's)
create index grant_decision_application on grant_decision (application_id, id);
