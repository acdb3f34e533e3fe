-- When the reviewer answered the disqualification question (need-to-know: before it, the
-- reviewer sees only the applicant's name and board). Reviews already decided have answered it.
alter table grant_review add column declared_at timestamp with time zone;
update grant_review set declared_at = decided_at where status in ('DISQUALIFIED', 'SCORED');
