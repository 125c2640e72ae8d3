-- =============================================================================================
-- Row-level security cost, measured by `pnpm bench` (issue 6, bench/README.md "Findings"):
-- 1. classes_select_public asked `exists (select 1 from institutions where id = institution_id and
--    status = 'filed')` for every class row. That subquery runs under the institutions policies
--    too, so every statement on classes — the 班级 embed of each institution list — planned the
--    institutions policies a second time and estimated a subplan per row. A flag on the class,
--    kept by triggers, answers the same question with no subquery.
-- 2. filing_overview was a security-invoker function: every filing, institution and class row of
--    the caller's counties was checked against the policies again (≈0.2 µs a row, 15,000 rows for
--    a city), although the function already limits itself to the caller's counties. It now checks
--    the scope once (the same private.readable_county_codes() the policies use) and aggregates as
--    its owner; the aggregation lives in private.filing_overview_for(counties), which only the
--    service role may call with counties of its choice. Its aggregates join the counties instead of
--    `= any (array(...))` (row estimates from the county list; the city overview 30 → 25 ms).
-- =============================================================================================

-- 1. Public classes: the institution's filed status, denormalised -------------------------------
alter table public.classes add column institution_filed boolean not null default false;
comment on column public.classes.institution_filed is '所属机构是否已备案（触发器维护；已备案机构的班级对公众可见）';
update public.classes c set institution_filed = true
  from public.institutions i where i.id = c.institution_id and i.status = 'filed';

-- Always derived from the institution: a client cannot make its classes public by writing the flag.
create function private.classes_set_institution_filed() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.institution_filed := coalesce((select i.status = 'filed' from public.institutions i where i.id = new.institution_id), false);
  return new;
end;
$$;
create trigger classes_set_institution_filed before insert or update on public.classes
  for each row execute function private.classes_set_institution_filed();

create function private.institutions_propagate_filed() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.classes set institution_filed = (new.status = 'filed') where institution_id = new.id;
  return null;
end;
$$;
create trigger institutions_propagate_filed after update of status on public.institutions
  for each row when (old.status is distinct from new.status)
  execute function private.institutions_propagate_filed();

revoke execute on function private.classes_set_institution_filed(), private.institutions_propagate_filed() from public;

-- The policy column rides along the institution lookup (the 班级 embed of a list).
drop index public.classes_institution_id_idx;
create index classes_institution_id_idx on public.classes (institution_id) include (institution_filed);

drop policy classes_select_public on public.classes;
create policy classes_select_public on public.classes
  for select to anon, authenticated using (institution_filed);

-- 2. Overview: scope checked once ----------------------------------------------------------------
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

create or replace function public.filing_overview(region_code text default null) returns table (
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
       and r.code = any (array(select private.readable_county_codes()))
       and (filing_overview.region_code is null
            or filing_overview.region_code in (r.code, r.city_code, r.province_code))))
$$;
