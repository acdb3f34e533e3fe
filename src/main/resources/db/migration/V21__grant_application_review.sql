-- What the disqualification question shows (the applicant's board), and the application's final score.
alter table grant_application add column board_members varchar(2000);
alter table grant_application add column final_score numeric(4,2);
alter table grant_application add column score_note varchar(2000);
