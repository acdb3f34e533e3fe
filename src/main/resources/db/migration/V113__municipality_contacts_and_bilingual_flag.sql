-- A municipality's contact added directly by a hyte coordinator (verified at once): who added it
-- (verified_by and verified_at say who verified it and when; null added_by = registered in the portal).
alter table organisation_contact add column added_by varchar(100);

-- Who last set a municipality's bilingual flag, and when (the reference data has no language status).
alter table organisation add column bilingual_set_by varchar(100);
alter table organisation add column bilingual_set_at timestamp with time zone;
