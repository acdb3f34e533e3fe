-- A contact's consent to electronic notification of decisions (laki sähköisestä asioinnista
-- viranomaistoiminnassa 13/2003, 19 §), asked at registration. Without it a decision is a letter
-- (hallintolaki 59 §); the periods that run from it differ (fi.silta.cases.Deadlines.Notice).
alter table organisation_contact add column electronic_notice_consent boolean default false not null;
alter table organisation_contact add column notice_consent_at timestamp with time zone;
