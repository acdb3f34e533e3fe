-- The NGO cooperation group's joint statement of a hyte cycle (a liaison's task in hyteNegotiationCycle),
-- the municipalities grouped into negotiations as the coordinator chose them (opened by the model after the start),
-- and when each negotiation told its cycle it was done (HyteNegotiationDone).
alter table hyte_cycle add column group_statement varchar(10000);
alter table hyte_cycle add column group_statement_by varchar(100);
alter table hyte_cycle add column group_statement_at timestamp with time zone;
alter table hyte_cycle add column negotiation_groups varchar(4000);
alter table hyte_negotiation add column done_at timestamp with time zone;
