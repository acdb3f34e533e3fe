-- A draft keeps what was typed, as typed (JSON of the form's fields), until it is submitted.
alter table grant_application add column draft_values varchar(20000);
