-- =============================================================================================
-- 审核队列与统计总览 Review queue and overview statistics
--   working_days_between   工作日差（按工作日历，O(1) 加日历表区间计数）
--   working_days_left      距办理期限剩余工作日（0 = 今天到期，负数 = 已超期）
--   filing_review_queue    审核队列视图（security_invoker：按调用者的行级安全范围）
--   filing_overview        市、省级总览：各县区备案状态、超期、机构与托位（检查一次调用者的县区，
--                          由 private.filing_overview_for 汇总）
-- "Today" is the date in China (Asia/Shanghai), like the filing deadline.
-- =============================================================================================

-- Working days ----------------------------------------------------------------------------------
-- Ordinal of weekdays: Mon–Fri since Monday 2000-01-03, so weekdays in (a, b] = ord(b) − ord(a).
create function private.weekday_ordinal(day date) returns integer
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select (floor(n / 7.0) * 5 + least(n - 7 * floor(n / 7.0) + 1, 5))::integer
    from (select day - date '2000-01-03' as n) s
$$;
comment on function private.weekday_ordinal(date) is '自2000-01-03（周一）起的周一至周五序号，用于计算工作日差';

create function public.working_days_between(start_day date, end_day date) returns integer
language sql
stable
strict
set search_path = ''
as $$
  with span as (
    select least(start_day, end_day) as a, greatest(start_day, end_day) as b,
           case when end_day < start_day then -1 else 1 end as sign
  )
  select s.sign * (
           private.weekday_ordinal(s.b) - private.weekday_ordinal(s.a)
           - (select count(*)::integer from public.calendar_days c
               where c.day > s.a and c.day <= s.b and c.kind = 'holiday' and extract(isodow from c.day) < 6)
           + (select count(*)::integer from public.calendar_days c
               where c.day > s.a and c.day <= s.b and c.kind = 'workday' and extract(isodow from c.day) >= 6))
    from span s
$$;
comment on function public.working_days_between(date, date) is '工作日差：(start_day, end_day] 内的工作日数（按工作日历；end_day 早于 start_day 时为负）';

create function public.working_days_left(deadline date, today date default (now() at time zone 'Asia/Shanghai')::date)
returns integer
language sql
stable
set search_path = ''
as $$
  select case
    when deadline is null or today is null then null
    when deadline >= today then public.working_days_between(today, deadline)
    else least(public.working_days_between(today, deadline), -1)
  end
$$;
comment on function public.working_days_left(date, date) is '距办理期限剩余工作日：0 = 今天到期，负数 = 已超期的工作日数（至少 −1）';

grant execute on function public.working_days_between(date, date), public.working_days_left(date, date)
  to anon, authenticated, service_role;

-- Review queue ----------------------------------------------------------------------------------
-- Flattened (PostgREST cannot embed through views): filter with ?status=in.(submitted,under_review),
-- search with ?institution_name=ilike.*爱心*, sort with ?order=deadline_on.asc.
create view public.filing_review_queue with (security_invoker = true) as
select f.id,
       f.institution_id,
       i.name as institution_name,
       i.type as institution_type,
       i.affordable,
       i.street_code,
       f.county_code,
       r.name as county_name,
       f.kind,
       f.status,
       f.submitted_at,
       f.deadline_on,
       case when f.status in ('submitted', 'under_review') then public.working_days_left(f.deadline_on) end as working_days_left,
       (f.status in ('submitted', 'under_review') and f.deadline_on < (now() at time zone 'Asia/Shanghai')::date) as overdue,
       f.reviewer_id,
       f.review_started_at,
       f.decided_at,
       f.decision_reasons,
       f.filing_no,
       f.created_at,
       f.updated_at
  from public.filings f
  join public.institutions i on i.id = f.institution_id
  left join public.regions r on r.code = f.county_code
 where f.status <> 'draft';
comment on view public.filing_review_queue is '备案审核队列：已提交及以后状态的备案，含机构名称、办理期限与剩余工作日（负数为超期）；按调用者权限过滤';
comment on column public.filing_review_queue.id is '备案ID';
comment on column public.filing_review_queue.institution_id is '机构ID';
comment on column public.filing_review_queue.institution_name is '机构名称';
comment on column public.filing_review_queue.institution_type is '机构类型：center 托育机构 / home_based 家庭托育点';
comment on column public.filing_review_queue.affordable is '是否普惠';
comment on column public.filing_review_queue.street_code is '所在街道代码';
comment on column public.filing_review_queue.county_code is '受理县区代码';
comment on column public.filing_review_queue.county_name is '受理县区名称';
comment on column public.filing_review_queue.kind is '备案类型：new 新办 / change 变更 / cancel 注销';
comment on column public.filing_review_queue.status is '状态：submitted 已提交 / under_review 审核中 / returned 退回修改 / approved 已备案 / rejected 不予备案';
comment on column public.filing_review_queue.submitted_at is '提交时间';
comment on column public.filing_review_queue.deadline_on is '办理期限';
comment on column public.filing_review_queue.working_days_left is '剩余工作日（待办状态；0 今天到期，负数已超期）';
comment on column public.filing_review_queue.overdue is '是否超期未办结';
comment on column public.filing_review_queue.reviewer_id is '审核人';
comment on column public.filing_review_queue.review_started_at is '开始审核时间';
comment on column public.filing_review_queue.decided_at is '办结时间';
comment on column public.filing_review_queue.decision_reasons is '退回或不予备案理由';
comment on column public.filing_review_queue.filing_no is '备案号';
comment on column public.filing_review_queue.created_at is '创建时间';
comment on column public.filing_review_queue.updated_at is '更新时间';
revoke all on public.filing_review_queue from anon;
revoke insert, update, delete, truncate on public.filing_review_queue from authenticated;
grant select on public.filing_review_queue to authenticated, service_role;

-- Overview ------------------------------------------------------------------------------------------
-- One row per county in the caller's scope (optionally under region_code). filing_overview checks the
-- caller's counties once (private.counties_in_scope, as the policies) and aggregates as its owner
-- through private.filing_overview_for(counties), which only the service role may call with counties
-- of its choice. Measured by `pnpm bench`: as a security-invoker function every filing, institution
-- and class row was checked against the policies again (≈0.2 µs a row, 15,000 rows for a city); the
-- aggregates join the county list instead of `= any (array(...))` (better estimates: city 30 → 25 ms).
create function private.filing_overview_for(counties text[]) returns table (
  county_code text,
  county_name text,
  city_code text,
  city_name text,
  province_code text,
  filings_total integer,
  filings_draft integer,
  filings_submitted integer,
  filings_under_review integer,
  filings_returned integer,
  filings_approved integer,
  filings_rejected integer,
  overdue_reviews integer,
  institutions_total integer,
  institutions_filed integer,
  institutions_affordable integer,
  slots integer,
  affordable_slots integer,
  enrolled integer
)
language sql
stable
set search_path = ''
as $$
  with counties as (
    select r.code, r.name, r.city_code, r.province_code
      from public.regions r
     where r.level = 'county' and r.code = any (filing_overview_for.counties)
  ),
  today as (select (now() at time zone 'Asia/Shanghai')::date as d),
  f as (
    select x.county_code,
           count(*) as total,
           count(*) filter (where x.status = 'draft') as draft,
           count(*) filter (where x.status = 'submitted') as submitted,
           count(*) filter (where x.status = 'under_review') as under_review,
           count(*) filter (where x.status = 'returned') as returned,
           count(*) filter (where x.status = 'approved') as approved,
           count(*) filter (where x.status = 'rejected') as rejected,
           count(*) filter (where x.status in ('submitted', 'under_review') and x.deadline_on < (select d from today)) as overdue
      from public.filings x join counties k on k.code = x.county_code
     group by x.county_code
  ),
  i as (
    select x.county_code,
           count(*) as total,
           count(*) filter (where x.status = 'filed') as filed,
           count(*) filter (where x.status = 'filed' and x.affordable) as affordable
      from public.institutions x join counties k on k.code = x.county_code
     group by x.county_code
  ),
  c as (
    select ins.county_code,
           sum(x.capacity) as slots,
           sum(x.capacity) filter (where ins.affordable) as affordable_slots,
           sum(x.enrolled) as enrolled
      from public.institutions ins
      join counties k on k.code = ins.county_code
      join public.classes x on x.institution_id = ins.id
     where ins.status = 'filed'
     group by ins.county_code
  )
  select k.code, k.name, k.city_code, city.name, k.province_code,
         coalesce(f.total, 0)::integer, coalesce(f.draft, 0)::integer, coalesce(f.submitted, 0)::integer,
         coalesce(f.under_review, 0)::integer, coalesce(f.returned, 0)::integer, coalesce(f.approved, 0)::integer,
         coalesce(f.rejected, 0)::integer, coalesce(f.overdue, 0)::integer,
         coalesce(i.total, 0)::integer, coalesce(i.filed, 0)::integer, coalesce(i.affordable, 0)::integer,
         coalesce(c.slots, 0)::integer, coalesce(c.affordable_slots, 0)::integer, coalesce(c.enrolled, 0)::integer
    from counties k
    left join public.regions city on city.code = k.city_code
    left join f on f.county_code = k.code
    left join i on i.county_code = k.code
    left join c on c.county_code = k.code
   order by k.code
$$;
comment on function private.filing_overview_for(text[]) is '备案与机构总览的汇总（不做权限判断，仅供 public.filing_overview 和服务角色调用）';
revoke execute on function private.filing_overview_for(text[]) from public;
grant execute on function private.filing_overview_for(text[]) to service_role;

create function public.filing_overview(region_code text default null) returns table (
  county_code text,
  county_name text,
  city_code text,
  city_name text,
  province_code text,
  filings_total integer,
  filings_draft integer,
  filings_submitted integer,
  filings_under_review integer,
  filings_returned integer,
  filings_approved integer,
  filings_rejected integer,
  overdue_reviews integer,
  institutions_total integer,
  institutions_filed integer,
  institutions_affordable integer,
  slots integer,
  affordable_slots integer,
  enrolled integer
)
language sql
stable
security definer
set search_path = ''
as $$
  select * from private.filing_overview_for(array(
    select r.code from public.regions r
     where r.level = 'county'
       and r.code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin,inspector}')))
       and (filing_overview.region_code is null
            or filing_overview.region_code in (r.code, r.city_code, r.province_code))))
$$;
comment on function public.filing_overview(text) is '备案与机构总览（市、省级管理员）：调用者管辖范围内（可按 region_code 限定）每个县区的备案状态数、超期未办结数、机构数（已备案、普惠）与托位数';
revoke execute on function public.filing_overview(text) from public, anon;
grant execute on function public.filing_overview(text) to authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function private.weekday_ordinal(date) to anon, authenticated, service_role;
