-- =============================================================================================
-- 工作台：备案后发现问题告知 (issue 13 §2, the notices of …4002000 on the desk)
--   filing_notice_open  the county admin: notices not yet confirmed fixed in the county, the most
--                       urgent (改正期限 soonest) first; urgent = past the 改正期限
--   filing_notice       the operator: its institutions' open notices, the same order
--   my_work_items() is otherwise unchanged (a function body is replaced whole).
-- =============================================================================================

create or replace function public.my_work_items(max_items integer default 5)
returns table (kind text, total integer, urgent integer, items jsonb)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  today date := (now() at time zone 'Asia/Shanghai')::date;
  reviewer_counties text[];
  institutions uuid[];
  lim integer := least(greatest(coalesce(max_items, 5), 0), 50);
begin
  if uid is null then
    return;
  end if;
  reviewer_counties := array(select private.counties_in_scope('{county_admin}'));
  institutions := array(select private.member_institution_ids());

  if cardinality(reviewer_counties) > 0 then
    -- filings waiting for the county (submitted / under review), most urgent first
    return query
      with w as (
        select q.id, q.institution_name, q.kind::text as k, q.status::text as s, q.deadline_on,
               public.working_days_left(q.deadline_on) as left_days, q.overdue
          from public.filing_review_queue q
         where q.status in ('submitted', 'under_review') and q.county_code = any (reviewer_counties))
      select 'filing_review', count(*)::integer, count(*) filter (where w.overdue)::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.institution_name, 'status', t.s,
                        'filing_kind', t.k, 'due_on', t.deadline_on, 'days_left', t.left_days) as item
                 from w t order by t.deadline_on nulls last, t.id limit lim) x), '[]'::jsonb)
        from w;

    -- complaints not yet closed; urgent = overdue for acceptance or for closing
    return query
      with w as (
        select c.id, c.tracking_no, c.category::text as cat, c.status::text as s, c.close_by, c.urgent,
               (c.status = 'submitted' and c.accept_by < now()) or c.close_by < today as late,
               i.name as institution_name
          from public.complaints c left join public.institutions i on i.id = c.institution_id
         where c.status <> 'closed' and c.county_code = any (reviewer_counties))
      select 'complaint', count(*)::integer, count(*) filter (where w.late or w.urgent)::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', coalesce(t.institution_name, t.tracking_no),
                        'detail', t.tracking_no, 'category', t.cat, 'status', t.s, 'due_on', t.close_by,
                        'days_left', t.close_by - today) as item
                 from w t order by t.urgent desc, t.close_by, t.id limit lim) x), '[]'::jsonb)
        from w;

    -- rectification reports waiting for a re-check
    return query
      with w as (
        select r.id, r.deadline_on, r.reported_at, i.name as institution_name
          from public.rectifications r join public.institutions i on i.id = r.institution_id
         where r.status = 'reported' and r.county_code = any (reviewer_counties))
      select 'rectification_recheck', count(*)::integer, 0,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.institution_name, 'due_on', t.deadline_on,
                        'days_left', t.deadline_on - today) as item
                 from w t order by t.reported_at, t.id limit lim) x), '[]'::jsonb)
        from w;

    -- 备案后发现问题告知 not yet confirmed fixed; urgent = past the 改正期限
    return query
      with w as (
        select n.id, n.institution_id, n.problem, n.rectify_by, n.operator_reply, i.name as institution_name
          from public.filing_notices n join public.institutions i on i.id = n.institution_id
         where n.resolved_at is null and n.county_code = any (reviewer_counties))
      select 'filing_notice_open', count(*)::integer, count(*) filter (where w.rectify_by < today)::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.institution_name, 'institution_id', t.institution_id,
                        'detail', t.problem, 'replied', t.operator_reply is not null,
                        'due_on', t.rectify_by, 'days_left', t.rectify_by - today) as item
                 from w t order by t.rectify_by, t.id limit lim) x), '[]'::jsonb)
        from w;

    -- campaign events waiting for the county's review
    return query
      with w as (
        select e.id, e.title, e.starts_at from public.events e
         where e.status = 'pending_review' and e.county_code = any (reviewer_counties))
      select 'event_review', count(*)::integer,
             count(*) filter (where w.starts_at < now() + interval '3 days')::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.title,
                        'due_on', (t.starts_at at time zone 'Asia/Shanghai')::date,
                        'days_left', (t.starts_at at time zone 'Asia/Shanghai')::date - today) as item
                 from w t order by t.starts_at, t.id limit lim) x), '[]'::jsonb)
        from w;
  end if;

  -- inspections to carry out: the inspector's own, or the county's planned ones
  if cardinality(reviewer_counties) > 0 or exists (select 1 from public.staff_scopes s where s.user_id = uid and s.role = 'inspector') then
    return query
      with w as (
        select n.id, n.scheduled_on, i.name as institution_name
          from public.inspections n join public.institutions i on i.id = n.institution_id
         where n.status = 'planned'
           and (uid = any (n.inspector_ids) or n.county_code = any (reviewer_counties)))
      select 'inspection', count(*)::integer, count(*) filter (where w.scheduled_on < today)::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.institution_name, 'due_on', t.scheduled_on,
                        'days_left', t.scheduled_on - today) as item
                 from w t order by t.scheduled_on, t.id limit lim) x), '[]'::jsonb)
        from w;
  end if;

  -- community workers: their events sent back, and their coming events with sign-ups
  if exists (select 1 from public.staff_scopes s where s.user_id = uid and s.role = 'community_worker') then
    return query
      with w as (
        select e.id, e.title, e.starts_at, e.review_note from public.events e
         where e.created_by = uid and e.status in ('returned', 'draft', 'pending_review'))
      select 'event_draft', count(*)::integer, 0,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.title, 'detail', t.review_note,
                        'due_on', (t.starts_at at time zone 'Asia/Shanghai')::date,
                        'days_left', (t.starts_at at time zone 'Asia/Shanghai')::date - today) as item
                 from w t order by t.starts_at, t.id limit lim) x), '[]'::jsonb)
        from w;
    return query
      with w as (
        select e.id, e.title, e.starts_at, e.confirmed_count, e.capacity, e.waitlist_count from public.events e
         where e.created_by = uid and e.status = 'published' and e.ends_at >= now())
      select 'event_upcoming', count(*)::integer,
             count(*) filter (where w.starts_at < now() + interval '3 days')::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.title,
                        'signups', t.confirmed_count, 'capacity', t.capacity, 'waitlist', t.waitlist_count,
                        'due_on', (t.starts_at at time zone 'Asia/Shanghai')::date,
                        'days_left', (t.starts_at at time zone 'Asia/Shanghai')::date - today) as item
                 from w t order by t.starts_at, t.id limit lim) x), '[]'::jsonb)
        from w;
  end if;

  if cardinality(institutions) > 0 then
    -- filings of the operator's institutions still in its hands (draft, or returned with reasons)
    return query
      with w as (
        select f.id, f.kind::text as k, f.status::text as s, f.decision_reasons, f.decided_at, f.updated_at,
               i.name as institution_name
          from public.filings f join public.institutions i on i.id = f.institution_id
         where f.status in ('draft', 'returned') and f.institution_id = any (institutions))
      select 'filing_todo', count(*)::integer, count(*) filter (where w.s = 'returned')::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.institution_name, 'filing_kind', t.k,
                        'status', t.s, 'detail', t.decision_reasons) as item
                 from w t order by (t.s = 'returned') desc, t.updated_at desc, t.id limit lim) x), '[]'::jsonb)
        from w;

    -- enrollment requests waiting for an answer
    return query
      with w as (
        select r.id, r.kind as k, r.class_type::text as ct, r.wished_start, r.visit_date, r.created_at,
               i.name as institution_name
          from public.enrollment_requests r join public.institutions i on i.id = r.institution_id
         where r.status = 'pending' and r.institution_id = any (institutions))
      select 'enrollment_request', count(*)::integer,
             count(*) filter (where w.created_at < now() - interval '3 days')::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.institution_name, 'request_kind', t.k,
                        'class_type', t.ct, 'due_on', coalesce(t.visit_date, t.wished_start),
                        'days_left', coalesce(t.visit_date, t.wished_start) - today) as item
                 from w t order by t.created_at, t.id limit lim) x), '[]'::jsonb)
        from w;

    -- rectifications the institution must carry out
    return query
      with w as (
        select r.id, r.requirement, r.deadline_on from public.rectifications r
         where r.status = 'open' and r.institution_id = any (institutions))
      select 'rectification_open', count(*)::integer, count(*) filter (where w.deadline_on < today)::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.requirement, 'due_on', t.deadline_on,
                        'days_left', t.deadline_on - today) as item
                 from w t order by t.deadline_on, t.id limit lim) x), '[]'::jsonb)
        from w;

    -- problems the county found after filing, to be fixed by the 改正期限
    return query
      with w as (
        select n.id, n.institution_id, n.problem, n.rectify_by from public.filing_notices n
         where n.resolved_at is null and n.institution_id = any (institutions))
      select 'filing_notice', count(*)::integer, count(*) filter (where w.rectify_by < today)::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.problem, 'institution_id', t.institution_id,
                        'due_on', t.rectify_by, 'days_left', t.rectify_by - today) as item
                 from w t order by t.rectify_by, t.id limit lim) x), '[]'::jsonb)
        from w;

    -- staff health certificates expired or expiring within 30 days
    return query
      with w as (
        select s.id, s.name, s.institution_id, s.health_certificate_expires_on as expires_on from public.staff s
         where s.institution_id = any (institutions) and s.health_certificate_expires_on <= today + 30)
      select 'staff_certificate', count(*)::integer, count(*) filter (where w.expires_on < today)::integer,
             coalesce((select jsonb_agg(x.item) from (
               select jsonb_build_object('id', t.id, 'title', t.name, 'institution_id', t.institution_id,
                        'due_on', t.expires_on, 'days_left', t.expires_on - today) as item
                 from w t order by t.expires_on, t.id limit lim) x), '[]'::jsonb)
        from w;
  end if;
end;
$$;
