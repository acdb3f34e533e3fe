-- Dashboard benchmark (README, "Dashboard benchmark"): multiplies the template round that
-- DashboardTemplate took through the engine into :rounds historic rounds of :per_round
-- applications each, spread over the last ten years, with their cases, organisations, reviews,
-- scores, supplements asked, allocations, decisions and the Camunda history of each application's
-- process (and its review and rectification sub-processes) and of each round's process.
--
-- psql -v template_round=<id> -v rounds=200 -v per_round=500 -f dashboard-multiply.sql
--
-- Each new application copies one template application (its path: clean, by letter, reviewer
-- disqualified, supplement answered or lapsed, ineligible, withdrawn), with its own organisation
-- (5 000 organisations apply again and again), amount, municipalities, target group, scores and
-- granted amount, and its times stretched by a factor of its own (0.4 to 1.8) from its submission:
-- a step's duration varies, its order does not. Camunda ids are new UUIDs made from the template's
-- and the copy's number (md5('a<n>-' || old id) for application n, 'r<r>-' for round r; an activity
-- instance keeps its 'Task_X:' head), as long as the engine's; the history's byte arrays (JSON
-- variables) are shared with the template's rows, not copied. Only history: every copied instance has ended.
-- Copied from the history: ACT_HI_PROCINST, ACT_HI_ACTINST, ACT_HI_TASKINST, ACT_HI_VARINST,
-- ACT_HI_IDENTITYLINK (not ACT_HI_DETAIL, ACT_HI_OP_LOG, ACT_HI_JOB_LOG, ACT_HI_DECINST: no
-- dashboard reads them).

\set ON_ERROR_STOP 1
\timing on
select setseed(0.16);

create temporary table bench_param as
select :template_round::bigint as tround, :rounds::int as rounds, :per_round::int as per_round,
       greatest(:per_round::int * 2, :rounds::int * :per_round::int / 20) as organisations;

create temporary table tround as
select r.*, p.start_time_ as old_start from grant_round r left join act_hi_procinst p on p.id_ = r.process_instance_id
where r.id = (select tround from bench_param);

create temporary table tapp as
select row_number() over (order by a.id) as j, a.*, c.reference as old_ref, c.process_instance_id as old_pid,
       c.created_at as case_created, c.kind, c.language as case_language, p0.start_time_ as old_start,
       d.amount_granted as old_granted, d.basis as old_basis
from grant_application a
join case_file c on c.id = a.case_id
join act_hi_procinst p0 on p0.id_ = c.process_instance_id
left join grant_decision d on d.application_id = a.id and d.stage = 'ORIGINAL'
where a.round_id = (select tround from bench_param);

select count(*) as template_applications from tapp \gset

-- --- organisations (ids from 1 000 000), each with a verified contact and 1–2 municipalities of the county
create temporary table munis as
select row_number() over (order by code) as k, code from municipality where county_code = '19';
select count(*) as muni_count from munis \gset

insert into organisation (id, name, business_id, org_type, association_number, created_at)
select 1000000 + o, 'Hyvinvointiyhdistys ' || o, '9' || lpad(o::text, 6, '0') || '-' || (o % 10),
       (array['REGISTERED_ASSOCIATION', 'REGISTERED_ASSOCIATION', 'REGISTERED_ASSOCIATION', 'FOUNDATION', 'UNREGISTERED_GROUP'])[1 + o % 5],
       null, now() - interval '11 years'
from generate_series(1, (select organisations from bench_param)) o;

insert into organisation_municipality (organisation_id, municipality_code)
select 1000000 + o, (select code from munis where k = 1 + (o * 7) % :muni_count)
from generate_series(1, (select organisations from bench_param)) o;
insert into organisation_municipality (organisation_id, municipality_code)
select 1000000 + o, (select code from munis where k = 1 + (o * 13 + 5) % :muni_count)
from generate_series(1, (select organisations from bench_param)) o
where o % 3 = 0 and (o * 13 + 5) % :muni_count <> (o * 7) % :muni_count;

insert into organisation_contact (id, organisation_id, name, email, phone, language, verification, verified_at, verified_by, created_at,
                                  electronic_notice_consent, notice_consent_at)
select 1000000 + o, 1000000 + o, 'Yhteyshenkilö ' || o, 'yhteys' || o || '@bench.example', null,
       case when o % 10 = 0 then 'sv' else 'fi' end, 'VERIFIED', now() - interval '11 years', 'aino.virtanen', now() - interval '11 years',
       o % 4 <> 0, case when o % 4 <> 0 then now() - interval '11 years' end
from generate_series(1, (select organisations from bench_param)) o;

-- --- rounds (ids from 100 001): every 18 days or so over ten years, the last decided months ago
create temporary table rmap as
select r, 100000 + r as new_id,
       date_trunc('day', now() - interval '10 years') + (r - 1) * (interval '3560 days' / (select rounds from bench_param))
           + interval '9 hours' as opens_new,
       0.7 + random() * 0.8 as f,
       (50 + floor(random() * 950)) * 1000.00 as budget
from generate_series(1, (select rounds from bench_param)) r;
alter table rmap add column shift interval;
update rmap set shift = opens_new - (select opens_at from tround);

insert into grant_round (id, process_instance_id, name_fi, name_sv, description_fi, description_sv, budget, max_amount, opens_at, closes_at,
                         contact_user_id, reviewers_per_application, decision_maker_user_id, disagreement_threshold, minimum_score,
                         multiple_applications, state_grant, state_grant_conditions, status, created_at, review_closed_note,
                         review_closed_by, substitute_decision_maker_user_id)
select m.new_id, case when t.process_instance_id is null then null else md5('r' || m.r || '-' || t.process_instance_id)::uuid::text end,
       (array['Järjestöavustukset', 'Kohdeavustukset', 'Hyte-avustukset', 'Kehittämisavustukset'])[1 + m.r % 4]
           || ' ' || extract(year from m.opens_new)::int || ' / ' || m.r,
       (array['Organisationsunderstöd', 'Projektunderstöd', 'Understöd för välfärd', 'Utvecklingsunderstöd'])[1 + m.r % 4]
           || ' ' || extract(year from m.opens_new)::int || ' / ' || m.r,
       t.description_fi, t.description_sv, m.budget, t.max_amount, m.opens_new, t.closes_at + m.shift, t.contact_user_id,
       t.reviewers_per_application, t.decision_maker_user_id, t.disagreement_threshold, t.minimum_score, t.multiple_applications,
       t.state_grant, t.state_grant_conditions, t.status, t.created_at + m.shift, t.review_closed_note, t.review_closed_by,
       t.substitute_decision_maker_user_id
from rmap m cross join tround t;

insert into grant_criterion (id, round_id, position, name_fi, name_sv, weight)
select m.new_id * 10 + c.position, m.new_id, c.position, c.name_fi, c.name_sv, c.weight
from rmap m cross join grant_criterion c where c.round_id = (select tround from bench_param);

insert into grant_reviewer (round_id, user_id)
select m.new_id, g.user_id from rmap m cross join grant_reviewer g where g.round_id = (select tround from bench_param);

insert into grant_round_declaration (round_id, user_id, role, note, declared_at)
select m.new_id, d.user_id, d.role, d.note, d.declared_at + m.shift
from rmap m cross join grant_round_declaration d where d.round_id = (select tround from bench_param);

insert into grant_allocation_event (round_id, application_id, kind, amount, previous_amount, position, previous_position, note, actor, at)
select m.new_id, null, e.kind, e.amount, e.previous_amount, e.position, e.previous_position, e.note, e.actor, e.at + m.shift
from rmap m cross join grant_allocation_event e where e.round_id = (select tround from bench_param) and e.application_id is null;

-- --- applications (ids from 1 000 001; their cases likewise)
create temporary table amap as
select n, r, i, 1000000 + n as new_id,
       1 + ((n * 7919 + r * 104729) % :template_applications) as j,
       1 + ((r * 131 + i) % (select organisations from bench_param)) as o,
       0.4 + random() * 1.4 as f,
       random() * interval '25 days' as sub_offset,
       random() as x1, random() as x2, random() as x3, random() as x4
from (select n, (n - 1) / (select per_round from bench_param) + 1 as r, (n - 1) % (select per_round from bench_param) as i
      from generate_series(1, (select rounds * per_round from bench_param)) n) g;
alter table amap add column anchor_new timestamptz, add column amount numeric(14,2), add column score numeric(4,2),
    add column granted numeric(14,2), add column reference varchar(20), add column status varchar(30), add column municipalities varchar(2000);
update amap a set anchor_new = m.opens_new + a.sub_offset from rmap m where m.r = a.r;
update amap a set status = t.status,
       amount = case when t.status = 'INELIGIBLE' then (select max_amount from tround) + 500 + 100 * floor(a.x1 * 50)
                     else least((select max_amount from tround), 500 + 100 * floor(a.x1 * 96)) end,
       score = case when t.final_score is null then null else round((1.2 + a.x2 * 3.8)::numeric, 2) end
from tapp t where t.j = a.j;
update amap a set granted = case when t.old_granted is null then null
                                 when a.score is not null and a.score < 2.5 then 0
                                 when a.x3 < 0.25 then 0
                                 when a.x3 < 0.70 then a.amount
                                 else greatest(100, floor(a.amount * (0.3 + a.x4 * 0.6) / 100) * 100) end
from tapp t where t.j = a.j;
update amap a set reference = 'AV-' || extract(year from a.anchor_new)::int || '-' || lpad(a.n::text, 6, '0'),
       municipalities = (select code from munis where k = 1 + (a.n * 11) % :muni_count)
           || case when a.x4 < 0.3 then ',' || (select code from munis where k = 1 + (a.n * 17 + 3) % :muni_count) else '' end;
create index on amap (j);
analyze amap;

insert into case_file (id, reference, kind, organisation_id, contact_id, contact_email, language, token_hash, process_instance_id,
                       submission_key, created_at)
select a.new_id, a.reference, t.kind, 1000000 + a.o, 1000000 + a.o, 'yhteys' || a.o || '@bench.example',
       case when a.o % 10 = 0 then 'sv' else 'fi' end, md5('b' || a.n) || md5('c' || a.n), md5('a' || a.n || '-' || t.old_pid)::uuid::text, null,
       a.anchor_new + (t.case_created - t.submitted_at) * a.f
from amap a join tapp t on t.j = a.j;

insert into call_answer (call_kind, call_id, scope, organisation_id, case_id, answered_by_email, answered_by_name, answered_at, active_key,
                         withdrawn_at)
select c.call_kind, m.new_id, c.scope, 1000000 + a.o, a.new_id, 'yhteys' || a.o || '@bench.example', 'Yhteyshenkilö ' || a.o,
       a.anchor_new + (c.answered_at - t.submitted_at) * a.f, c.active_key,
       a.anchor_new + (c.withdrawn_at - t.submitted_at) * a.f
from amap a join tapp t on t.j = a.j join call_answer c on c.case_id = t.case_id join rmap m on m.r = a.r;

insert into grant_application (id, case_id, round_id, organisation_id, contact_email, status, activity, target_group, goals, amount,
                               municipalities, submitted_at, updated_at, board_members, final_score, score_note, draft_values)
select a.new_id, a.new_id, m.new_id, 1000000 + a.o, 'yhteys' || a.o || '@bench.example', t.status, t.activity,
       (array['Omaishoitajat', 'Nuoret', 'Ikäihmiset', 'Lapsiperheet', 'Maahan muuttaneet', 'Työttömät', 'Mielenterveyskuntoutujat',
              'Päihdekuntoutujat', 'Vammaiset', 'Kaikki asukkaat'])[1 + (a.n * 3 + a.r) % 10],
       t.goals, a.amount, a.municipalities, a.anchor_new, a.anchor_new + (t.updated_at - t.submitted_at) * a.f, t.board_members, a.score,
       t.score_note, null
from amap a join tapp t on t.j = a.j join rmap m on m.r = a.r;

-- the municipalities and target groups an application names, a row each (V105), as the dashboards count them
insert into grant_application_municipality (application_id, code)
select distinct a.new_id, m.code from amap a cross join lateral unnest(string_to_array(a.municipalities, ',')) as m(code);
insert into grant_application_target_group (application_id, code)
select a.new_id, (array['children', 'youth', 'families', 'workingAge', 'older', 'disabled', 'mentalHealth', 'carers', 'immigrants',
                        'everyone'])[1 + (a.n * 3 + a.r) % 10]
from amap a;
insert into grant_application_target_group (application_id, code)
select a.new_id, (array['children', 'youth', 'families', 'workingAge', 'older', 'disabled', 'mentalHealth', 'carers', 'immigrants',
                        'everyone'])[1 + (a.n * 7 + a.r + 1) % 10]
from amap a where a.x3 > 0.6 and (a.n * 7 + a.r + 1) % 10 <> (a.n * 3 + a.r) % 10;

insert into grant_budget_line (application_id, position, description, amount)
select a.new_id, b.position, b.description, a.amount
from amap a join tapp t on t.j = a.j join grant_budget_line b on b.application_id = t.id;

insert into grant_eligibility_check (application_id, checked_at, organisation_type, acts_in_county, amount_requested, max_amount,
                                     other_applications, multiple_allowed, overdue_report, eligible, reasons)
select a.new_id, a.anchor_new + (e.checked_at - t.submitted_at) * a.f, e.organisation_type, e.acts_in_county, a.amount, e.max_amount,
       e.other_applications, e.multiple_allowed, e.overdue_report, e.eligible, e.reasons
from amap a join tapp t on t.j = a.j join grant_eligibility_check e on e.application_id = t.id;

insert into case_request (case_id, topic, request_text, requested_by, requested_at, due_at, answer_text, answered_by, answered_at,
                          document_ids, lapsed_at)
select a.new_id, q.topic, q.request_text, q.requested_by, a.anchor_new + (q.requested_at - t.submitted_at) * a.f,
       a.anchor_new + (q.due_at - t.submitted_at) * a.f, q.answer_text, case when q.answered_by is null then null else 'yhteys' || a.o || '@bench.example' end,
       a.anchor_new + (q.answered_at - t.submitted_at) * a.f, null, a.anchor_new + (q.lapsed_at - t.submitted_at) * a.f
from amap a join tapp t on t.j = a.j join case_request q on q.case_id = t.case_id;

-- reviews (ids from 10 000 000): the application's score spread over its reviewers
insert into grant_review (id, application_id, reviewer_user_id, status, disqualification, disqualification_note, total, created_at,
                          decided_at, declared_at)
select 10000000 + a.n * 10 + row_number() over (partition by a.n order by v.id), a.new_id, v.reviewer_user_id, v.status,
       v.disqualification, v.disqualification_note,
       case when v.total is null then null when a.score is null then v.total
            else least(5.00, greatest(1.00, a.score + (case when v.id % 2 = 0 then 0.15 else -0.15 end))) end,
       a.anchor_new + (v.created_at - t.submitted_at) * a.f, a.anchor_new + (v.decided_at - t.submitted_at) * a.f,
       a.anchor_new + (v.declared_at - t.submitted_at) * a.f
from amap a join tapp t on t.j = a.j join grant_review v on v.application_id = t.id;

insert into grant_score (review_id, criterion_id, score, justification)
select nv.id, m.new_id * 10 + c.position,
       least(5, greatest(1, round(nv.total + (c.position - 2) * 0.5)))::int, s.justification
from amap a join tapp t on t.j = a.j join rmap m on m.r = a.r
join grant_review v on v.application_id = t.id
join grant_review nv on nv.application_id = a.new_id and nv.reviewer_user_id = v.reviewer_user_id
join grant_score s on s.review_id = v.id join grant_criterion c on c.id = s.criterion_id;

-- a few coordinators and decision makers disqualified on an application (hallintolaki 28 §)
insert into grant_round_disqualification (round_id, user_id, role, application_id, note, declared_at)
select m.new_id, case when a.x1 < 0.5 then 'aino.virtanen' else 'helena.hamalainen' end,
       case when a.x1 < 0.5 then 'COORDINATOR' else 'DECISION_MAKER' end, a.new_id, 'Hakijan hallituksen jäsen.', m.opens_new + interval '40 days'
from amap a join rmap m on m.r = a.r where a.x2 > 0.99;

insert into grant_allocation (application_id, round_id, position, basis, amount_asked, proposed_amount, amount, change_reason, changed_by,
                              changed_at, decided_by)
select a.new_id, m.new_id, row_number() over (partition by a.r order by a.score desc nulls last, a.n),
       case when g.basis = 'SCORED' and a.score < 2.5 then 'BELOW_MINIMUM' else g.basis end,
       a.amount, coalesce(a.granted, 0), coalesce(a.granted, 0), g.change_reason, g.changed_by, g.changed_at + m.shift, g.decided_by
from amap a join tapp t on t.j = a.j join rmap m on m.r = a.r join grant_allocation g on g.application_id = t.id;

insert into grant_decision (application_id, round_id, case_id, stage, outcome, basis, amount_asked, amount_granted, score, change_reason,
                            language, decided_by, decided_at, document_id, notice, outbox_mail_id, letter_sent_on, received_on,
                            rectification_last_day, original_of)
select a.new_id, m.new_id, a.new_id, d.stage,
       case when coalesce(a.granted, 0) = 0 then 'REJECTED' when a.granted >= a.amount then 'GRANTED' else 'PARTLY_GRANTED' end,
       case when d.basis = 'SCORED' and a.score < 2.5 then 'BELOW_MINIMUM' else d.basis end,
       a.amount, coalesce(a.granted, 0), a.score, d.change_reason, d.language, d.decided_by, d.decided_at + m.shift, null, d.notice, null,
       d.letter_sent_on + extract(day from m.shift)::int, d.received_on + extract(day from m.shift)::int,
       d.rectification_last_day + extract(day from m.shift)::int, case when d.original_of is null then null else a.new_id end
from amap a join tapp t on t.j = a.j join rmap m on m.r = a.r join grant_decision d on d.application_id = t.id;

-- --- Camunda's history: each application's instance tree and each round's instance, ids prefixed
create temporary table root_map (old_root varchar(64), prefix varchar(20), old_anchor timestamp, new_anchor timestamp, f float8,
                                 business_key varchar(255), new_app_id bigint, new_round_id bigint, reference varchar(20));
insert into root_map
select t.old_pid, 'a' || a.n || '-', t.old_start, (a.anchor_new at time zone 'UTC') + (t.old_start - (t.submitted_at at time zone 'UTC')),
       a.f, a.reference, a.new_id, m.new_id, a.reference
from amap a join tapp t on t.j = a.j join rmap m on m.r = a.r;
insert into root_map
select t.process_instance_id, 'r' || m.r || '-', t.old_start, t.old_start + m.shift, m.f, 'HAKU-' || m.new_id, null, m.new_id, null
from rmap m cross join tround t where t.process_instance_id is not null;
create index on root_map (old_root);
analyze root_map;

do $$
declare
    t text;
    c record;
    cols text;
    exprs text;
    rows bigint;
begin
    foreach t in array array['act_hi_procinst', 'act_hi_actinst', 'act_hi_taskinst', 'act_hi_varinst', 'act_hi_identitylink'] loop
        cols := '';
        exprs := '';
        for c in select column_name, data_type from information_schema.columns
                 where table_schema = current_schema() and table_name = t order by ordinal_position loop
            cols := cols || case when cols = '' then '' else ', ' end || c.column_name;
            exprs := exprs || case when exprs = '' then '' else ', ' end || case
                when c.column_name in ('id_', 'proc_inst_id_', 'execution_id_', 'root_proc_inst_id_', 'super_process_instance_id_',
                                       'act_inst_id_', 'parent_act_inst_id_', 'task_id_', 'call_proc_inst_id_', 'parent_task_id_')
                    -- a new id as long as the old one: the activity's name (Task_X:) kept, the UUID one of its own
                    then format('case when s.%1$I is null then null when s.%1$I like ''%%:%%'' then substring(s.%1$I from ''^(.*):'') '
                        || '|| '':'' || md5(m.prefix || s.%1$I)::uuid::text else md5(m.prefix || s.%1$I)::uuid::text end', c.column_name)
                when c.column_name = 'business_key_' then 'case when s.business_key_ is null then null else m.business_key end'
                when c.data_type like 'timestamp%' then format('m.new_anchor + (s.%1$I - m.old_anchor) * m.f', c.column_name)
                when c.column_name = 'duration_' then 'round(s.duration_ * m.f)::bigint'
                when t = 'act_hi_varinst' and c.column_name = 'long_' then
                    'case s.name_ when ''applicationId'' then coalesce(m.new_app_id, s.long_) when ''roundId'' then m.new_round_id else s.long_ end'
                when t = 'act_hi_varinst' and c.column_name = 'text_' then
                    'case when s.name_ = ''applicationId'' and m.new_app_id is not null then m.new_app_id::text '
                    || 'when s.name_ = ''roundId'' then m.new_round_id::text '
                    || 'when s.name_ = ''caseReference'' and m.reference is not null then m.reference else s.text_ end'
                else 's.' || c.column_name end;
        end loop;
        execute format('insert into %I (%s) select %s from %I s join root_map m on s.root_proc_inst_id_ = m.old_root', t, cols, exprs, t);
        get diagnostics rows = row_count;
        raise notice '% rows copied into %', rows, t;
    end loop;
end $$;

-- the identity columns go on after the explicit ids
select setval(pg_get_serial_sequence('organisation', 'id'), (select max(id) from organisation));
select setval(pg_get_serial_sequence('organisation_contact', 'id'), (select max(id) from organisation_contact));
select setval(pg_get_serial_sequence('grant_round', 'id'), (select max(id) from grant_round));
select setval(pg_get_serial_sequence('grant_criterion', 'id'), (select max(id) from grant_criterion));
select setval(pg_get_serial_sequence('grant_application', 'id'), (select max(id) from grant_application));
select setval(pg_get_serial_sequence('case_file', 'id'), (select max(id) from case_file));
select setval(pg_get_serial_sequence('grant_review', 'id'), (select max(id) from grant_review));
