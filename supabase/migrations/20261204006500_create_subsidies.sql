-- =============================================================================================
-- 托育补贴 Subsidies (运营补贴 / 建设补助)
--   subsidy_rules                 per region and year: operating subsidy per child per year by class
--                                 type, construction subsidy per new affordable slot, conditions
--   subsidy_applications          one per institution and half-year; the amount is computed here,
--                                 never typed by anybody
--   subsidy_application_lines     the computation: one line per class type (and construction)
--   subsidy_totals                (view) totals per county, year, half-year and status (city/province)
--
-- State machine (one function per transition, each idempotent on retry):
--   (none) ─apply_for_subsidy→ applied ─approve_subsidy→ approved
--                               applied ─return_subsidy(reason)→ returned ─apply_for_subsidy→ applied
-- apply_for_subsidy: the institution's members; approve/return: the county admin of its county.
--
-- Which rule applies: the most specific region (county, then city, then province, then national
-- = null) that has rules of that kind for the year; that region's rules are used as a set.
--
-- How the operating subsidy is computed (written once here; the admin shows it next to the amount):
--   basis placements (在托记录) — used when the institution has any placement overlapping the
--     half-year: a child counts for a month when placed in a class of that type on the 15th of the
--     month (月中在托); a child counts only with at least min_months such months in the half-year;
--     amount = Σ months × rate ÷ 12 per class type, rounded to the fen.
--   basis declared_enrolment (申报在托人数) — until placements exist: the class's declared enrolled
--     count × 6 months, labelled so on the application and the export.
--   construction (建设补助): new affordable slots = capacity of the classes created in the half-year
--     (an approximation until slot history exists) × rate per slot, for affordable institutions.
-- Applications open from the last month of the half-year (June / December) on.
-- =============================================================================================

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.subsidy_kind as enum ('operating', 'construction');
comment on type public.subsidy_kind is '补贴类别：operating 运营补贴（每生每年）/ construction 建设补助（每新增普惠托位）';
create type public.subsidy_status as enum ('applied', 'approved', 'returned');
comment on type public.subsidy_status is '补贴申请状态：applied 已申请待审核 / approved 已核准 / returned 已退回';
create type public.subsidy_basis as enum ('placements', 'declared_enrolment');
comment on type public.subsidy_basis is '计算依据：placements 在托记录 / declared_enrolment 申报在托人数（尚无在托记录时）';

-- =============================================================================================
-- Tables
-- =============================================================================================

create table public.subsidy_rules (
  id bigint generated always as identity primary key,
  region_code text references public.regions (code) on delete cascade,
  year smallint not null check (year between 2000 and 2100),
  kind public.subsidy_kind not null,
  class_type public.class_type,
  amount_yuan numeric(10, 2) not null check (amount_yuan >= 0),
  requires_affordable boolean not null default true,
  requires_filed boolean not null default true,
  min_months smallint not null default 0 check (min_months between 0 and 6),
  basis text check (length(basis) <= 300),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint subsidy_rules_unique unique nulls not distinct (region_code, year, kind, class_type),
  constraint subsidy_rules_class_type_check check ((kind = 'operating') = (class_type is not null))
);
comment on table public.subsidy_rules is '托育补贴标准：按区划和年度设定运营补贴（每生每年，按班型）与建设补助（每新增普惠托位），及享受条件';
comment on column public.subsidy_rules.id is '主键';
comment on column public.subsidy_rules.region_code is '适用区划（空 = 全国；按县、市、省、全国就近适用）';
comment on column public.subsidy_rules.year is '年度';
comment on column public.subsidy_rules.kind is '补贴类别：operating 运营补贴 / construction 建设补助';
comment on column public.subsidy_rules.class_type is '班型（运营补贴必填；建设补助为空）';
comment on column public.subsidy_rules.amount_yuan is '标准（元）：运营补贴为每生每年，建设补助为每个新增普惠托位';
comment on column public.subsidy_rules.requires_affordable is '条件：须为普惠托育机构';
comment on column public.subsidy_rules.requires_filed is '条件：须已备案（申请时为已备案状态）';
comment on column public.subsidy_rules.min_months is '条件：半年内至少在托月数（月中在托计1个月）';
comment on column public.subsidy_rules.basis is '依据（文件名称）';
comment on column public.subsidy_rules.created_at is '创建时间';
comment on column public.subsidy_rules.updated_at is '更新时间';
create index subsidy_rules_region_code_idx on public.subsidy_rules (region_code, year);

create table public.subsidy_applications (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  year smallint not null check (year between 2000 and 2100),
  half smallint not null check (half in (1, 2)),
  status public.subsidy_status not null default 'applied',
  basis public.subsidy_basis not null,
  rule_region_code text references public.regions (code),
  children integer not null default 0 check (children >= 0),
  child_months integer not null default 0 check (child_months >= 0),
  new_slots integer not null default 0 check (new_slots >= 0),
  operating_amount numeric(12, 2) not null default 0 check (operating_amount >= 0),
  construction_amount numeric(12, 2) not null default 0 check (construction_amount >= 0),
  total_amount numeric(12, 2) generated always as (operating_amount + construction_amount) stored,
  submitted_by uuid references auth.users (id) on delete set null,
  submitted_at timestamptz not null default now(),
  decided_by uuid references auth.users (id) on delete set null,
  decided_at timestamptz,
  return_reason text check (length(return_reason) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint subsidy_applications_period_unique unique (institution_id, year, half),
  constraint subsidy_applications_return_check check ((status = 'returned') = (return_reason is not null))
);
comment on table public.subsidy_applications is '托育补贴申请：机构按半年申请，金额由系统按补贴标准和在托记录（或申报在托人数）计算，县级卫健部门核准或退回';
comment on column public.subsidy_applications.id is '主键';
comment on column public.subsidy_applications.institution_id is '机构ID';
comment on column public.subsidy_applications.county_code is '机构所在县区代码';
comment on column public.subsidy_applications.city_code is '所在市代码（由县区代码推导）';
comment on column public.subsidy_applications.province_code is '所在省代码（由县区代码推导）';
comment on column public.subsidy_applications.year is '年度';
comment on column public.subsidy_applications.half is '半年：1 上半年（1–6月）/ 2 下半年（7–12月）';
comment on column public.subsidy_applications.status is '状态：applied 已申请待审核 / approved 已核准 / returned 已退回';
comment on column public.subsidy_applications.basis is '计算依据：placements 在托记录 / declared_enrolment 申报在托人数';
comment on column public.subsidy_applications.rule_region_code is '所用补贴标准的区划（空 = 全国）';
comment on column public.subsidy_applications.children is '计补婴幼儿人数（运营补贴）';
comment on column public.subsidy_applications.child_months is '计补人月数（运营补贴）';
comment on column public.subsidy_applications.new_slots is '新增普惠托位数（建设补助）';
comment on column public.subsidy_applications.operating_amount is '运营补贴金额（元）';
comment on column public.subsidy_applications.construction_amount is '建设补助金额（元）';
comment on column public.subsidy_applications.total_amount is '合计金额（元）';
comment on column public.subsidy_applications.submitted_by is '提交人';
comment on column public.subsidy_applications.submitted_at is '提交时间（退回后重新提交时更新）';
comment on column public.subsidy_applications.decided_by is '审核人';
comment on column public.subsidy_applications.decided_at is '审核时间';
comment on column public.subsidy_applications.return_reason is '退回理由';
comment on column public.subsidy_applications.created_at is '创建时间';
comment on column public.subsidy_applications.updated_at is '更新时间';
create index subsidy_applications_county_code_idx on public.subsidy_applications (county_code, status);
create index subsidy_applications_city_code_idx on public.subsidy_applications (city_code);
create index subsidy_applications_province_code_idx on public.subsidy_applications (province_code);
create index subsidy_applications_rule_region_code_idx on public.subsidy_applications (rule_region_code);
create index subsidy_applications_submitted_by_idx on public.subsidy_applications (submitted_by);
create index subsidy_applications_decided_by_idx on public.subsidy_applications (decided_by);

create table public.subsidy_application_lines (
  id bigint generated always as identity primary key,
  application_id uuid not null references public.subsidy_applications (id) on delete cascade,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  kind public.subsidy_kind not null,
  class_type public.class_type,
  children integer not null check (children >= 0),
  months integer not null check (months >= 0),
  rate_yuan numeric(10, 2) not null check (rate_yuan >= 0),
  amount_yuan numeric(12, 2) not null check (amount_yuan >= 0),
  constraint subsidy_application_lines_unique unique nulls not distinct (application_id, kind, class_type)
);
comment on table public.subsidy_application_lines is '补贴申请明细：运营补贴每班型一行（人数、人月数、标准、金额），建设补助一行（新增托位数、标准、金额）';
comment on column public.subsidy_application_lines.id is '主键';
comment on column public.subsidy_application_lines.application_id is '补贴申请ID';
comment on column public.subsidy_application_lines.institution_id is '机构ID';
comment on column public.subsidy_application_lines.county_code is '机构所在县区代码';
comment on column public.subsidy_application_lines.city_code is '所在市代码（由县区代码推导）';
comment on column public.subsidy_application_lines.province_code is '所在省代码（由县区代码推导）';
comment on column public.subsidy_application_lines.kind is '补贴类别：operating 运营补贴 / construction 建设补助';
comment on column public.subsidy_application_lines.class_type is '班型（建设补助为空）';
comment on column public.subsidy_application_lines.children is '人数（运营补贴）或新增普惠托位数（建设补助）';
comment on column public.subsidy_application_lines.months is '人月数（运营补贴；建设补助为0）';
comment on column public.subsidy_application_lines.rate_yuan is '标准（元/生/年 或 元/托位）';
comment on column public.subsidy_application_lines.amount_yuan is '金额（元）= 人月数 × 标准 ÷ 12，或 托位数 × 标准';
create index subsidy_application_lines_application_id_idx on public.subsidy_application_lines (application_id);
create index subsidy_application_lines_institution_id_idx on public.subsidy_application_lines (institution_id);
create index subsidy_application_lines_county_code_idx on public.subsidy_application_lines (county_code);
create index subsidy_application_lines_city_code_idx on public.subsidy_application_lines (city_code);
create index subsidy_application_lines_province_code_idx on public.subsidy_application_lines (province_code);

-- Totals for the city and province (row security of the applications applies).
create view public.subsidy_totals with (security_invoker = true) as
  select a.county_code, r.name as county_name, a.year, a.half, a.status,
         count(*)::integer as applications,
         sum(a.children)::integer as children,
         sum(a.new_slots)::integer as new_slots,
         sum(a.operating_amount) as operating_amount,
         sum(a.construction_amount) as construction_amount,
         sum(a.total_amount) as total_amount
    from public.subsidy_applications a
    join public.regions r on r.code = a.county_code
   group by a.county_code, r.name, a.year, a.half, a.status;
comment on view public.subsidy_totals is '补贴汇总：按县区、年度、半年、状态统计申请数、人数、新增托位与金额（按调用者可见的申请）';

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger subsidy_rules_touch_updated_at before update on public.subsidy_rules
  for each row execute function private.touch_updated_at();
create trigger subsidy_applications_touch_updated_at before update on public.subsidy_applications
  for each row execute function private.touch_updated_at();
create trigger subsidy_rules_audit after insert or update or delete on public.subsidy_rules
  for each row execute function private.audit_row();
create trigger subsidy_applications_audit after insert or update or delete on public.subsidy_applications
  for each row execute function private.audit_row();

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- The region whose rules of this kind apply to a county in a year (county → city → province → national).
create function private.subsidy_rule_region(county text, rule_year integer, rule_kind public.subsidy_kind)
returns table (region_code text, found boolean)
language sql
stable
security definer
set search_path = ''
as $$
  select r.region_code, true
    from public.subsidy_rules r
   where r.year = rule_year and r.kind = rule_kind
     and (r.region_code is null or r.region_code in (county, substr(county, 1, 4) || '00000000', substr(county, 1, 2) || '0000000000'))
   order by case when r.region_code = county then 1
                 when r.region_code = substr(county, 1, 4) || '00000000' then 2
                 when r.region_code is not null then 3 else 4 end
   limit 1
$$;
comment on function private.subsidy_rule_region(text, integer, public.subsidy_kind) is '适用的补贴标准区划（县、市、省、全国就近）';

-- The computation (see the header): lines for an institution and half-year. Raises a clear error
-- when a condition is not met. Used by apply_for_subsidy and subsidy_preview.
create function private.compute_subsidy(institution uuid, for_year integer, for_half integer)
returns table (kind public.subsidy_kind, class_type public.class_type, children integer, months integer,
               rate_yuan numeric, amount_yuan numeric, basis public.subsidy_basis, rule_region_code text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  inst public.institutions%rowtype;
  period_start date;
  period_end date;
  op_region text;
  op_found boolean;
  cons_region text;
  cons_found boolean;
  the_basis public.subsidy_basis;
begin
  if for_half is null or for_half not in (1, 2) then
    raise exception '半年只能是 1（上半年）或 2（下半年）' using errcode = '22023';
  end if;
  if for_year is null or for_year not between 2000 and 2100 then
    raise exception '年度无效：%', for_year using errcode = '22023';
  end if;
  select * into inst from public.institutions i where i.id = institution;
  if inst.id is null then
    raise exception '机构不存在' using errcode = 'P0002';
  end if;
  period_start := make_date(for_year, for_half * 6 - 5, 1);
  period_end := (period_start + interval '6 months')::date - 1;
  select r.region_code, r.found into op_region, op_found from private.subsidy_rule_region(inst.county_code, for_year, 'operating') r;
  select r.region_code, r.found into cons_region, cons_found from private.subsidy_rule_region(inst.county_code, for_year, 'construction') r;
  if not coalesce(op_found, false) and not coalesce(cons_found, false) then
    raise exception '本地区尚未设置%年托育补贴标准', for_year using errcode = 'P0002',
      hint = '请联系县（区）卫健部门设置补贴标准后再申请';
  end if;
  if exists (select 1 from public.subsidy_rules r
              where r.year = for_year and r.requires_filed and inst.status <> 'filed'
                and ((op_found and r.kind = 'operating' and r.region_code is not distinct from op_region)
                  or (cons_found and r.kind = 'construction' and r.region_code is not distinct from cons_region))) then
    raise exception '机构不是已备案状态，不能申请托育补贴' using errcode = '23514',
      hint = '补贴仅发放给已备案且正常运营的托育机构';
  end if;
  if exists (select 1 from public.subsidy_rules r
              where r.year = for_year and r.requires_affordable and not inst.affordable
                and ((op_found and r.kind = 'operating' and r.region_code is not distinct from op_region)
                  or (cons_found and r.kind = 'construction' and r.region_code is not distinct from cons_region))) then
    raise exception '仅普惠托育机构可以申请托育补贴' using errcode = '23514',
      hint = '机构经县级卫健部门认定为普惠托育机构后方可申请';
  end if;

  the_basis := case when exists (
      select 1 from public.placements p
       where p.institution_id = inst.id and p.started_on <= period_end and (p.ended_on is null or p.ended_on >= period_start))
    then 'placements' else 'declared_enrolment' end;

  if coalesce(op_found, false) then
    if the_basis = 'placements' then
      return query
        with mids as (
          select (period_start + make_interval(months => m))::date + 14 as mid from generate_series(0, 5) m
        ), per_child as (
          select c.class_type, p.child_id, count(*)::integer as n
            from public.placements p
            join public.classes c on c.id = p.class_id
            join mids on p.started_on <= mids.mid and (p.ended_on is null or p.ended_on >= mids.mid)
           where p.institution_id = inst.id
           group by c.class_type, p.child_id
        )
        select 'operating'::public.subsidy_kind, r.class_type, count(*)::integer, sum(pc.n)::integer, r.amount_yuan,
               round(sum(pc.n) * r.amount_yuan / 12, 2), the_basis, op_region
          from per_child pc
          join public.subsidy_rules r on r.kind = 'operating' and r.year = for_year
                                     and r.region_code is not distinct from op_region and r.class_type = pc.class_type
         where pc.n >= r.min_months
         group by r.class_type, r.amount_yuan
         order by r.class_type;
    else
      return query
        select 'operating'::public.subsidy_kind, r.class_type, sum(c.enrolled)::integer, (sum(c.enrolled) * 6)::integer, r.amount_yuan,
               round(sum(c.enrolled) * 6 * r.amount_yuan / 12, 2), the_basis, op_region
          from public.classes c
          join public.subsidy_rules r on r.kind = 'operating' and r.year = for_year
                                     and r.region_code is not distinct from op_region and r.class_type = c.class_type
         where c.institution_id = inst.id and c.enrolled > 0
         group by r.class_type, r.amount_yuan
         order by r.class_type;
    end if;
  end if;

  if coalesce(cons_found, false) and inst.affordable then
    return query
      select 'construction'::public.subsidy_kind, null::public.class_type, s.slots, 0, r.amount_yuan,
             round(s.slots * r.amount_yuan, 2), the_basis, cons_region
        from (select coalesce(sum(c.capacity), 0)::integer as slots from public.classes c
               where c.institution_id = inst.id
                 and (c.created_at at time zone 'Asia/Shanghai')::date between period_start and period_end) s
        join public.subsidy_rules r on r.kind = 'construction' and r.year = for_year and r.region_code is not distinct from cons_region
       where s.slots > 0;
  end if;
end;
$$;
comment on function private.compute_subsidy(uuid, integer, integer) is '计算机构某半年的托育补贴明细（计算方法见迁移文件头部说明）';

-- May the caller see this institution's subsidies (members, admins and inspectors of its area)?
create function private.can_view_institution_subsidy(institution uuid) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return institution = any (array(select private.member_institution_ids()))
      or private.has_scope(private.institution_county(institution), '{province_admin,city_admin,county_admin}');
end;
$$;

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.subsidy_rules enable row level security;
create policy subsidy_rules_select_public on public.subsidy_rules
  for select to anon, authenticated using (true);
create policy subsidy_rules_insert_admin on public.subsidy_rules
  for insert to authenticated with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy subsidy_rules_update_admin on public.subsidy_rules
  for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy subsidy_rules_delete_admin on public.subsidy_rules
  for delete to authenticated using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke all on public.subsidy_rules from anon;
grant select on public.subsidy_rules to anon;
revoke truncate on public.subsidy_rules from authenticated;

-- Applications and lines: written only by the RPCs below.
alter table public.subsidy_applications enable row level security;
create policy subsidy_applications_select_member on public.subsidy_applications
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy subsidy_applications_select_admin on public.subsidy_applications
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
alter table public.subsidy_application_lines enable row level security;
create policy subsidy_application_lines_select_member on public.subsidy_application_lines
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy subsidy_application_lines_select_admin on public.subsidy_application_lines
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
revoke all on public.subsidy_applications, public.subsidy_application_lines, public.subsidy_totals from anon, authenticated;
grant select on public.subsidy_applications, public.subsidy_application_lines, public.subsidy_totals to authenticated;

-- =============================================================================================
-- Functions (state transitions)
-- =============================================================================================

-- Preview: what the institution would receive, without applying.
create function public.subsidy_preview(institution uuid, year integer, half integer) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.can_view_institution_subsidy(institution) then
    raise exception '机构不存在' using errcode = 'P0002';
  end if;
  return (
    select jsonb_build_object(
      'basis', coalesce(min(l.basis::text), (select case when exists (select 1 from public.placements p where p.institution_id = institution)
                                                    then 'placements' else 'declared_enrolment' end)),
      'total_amount', coalesce(sum(l.amount_yuan), 0),
      'lines', coalesce(jsonb_agg(jsonb_build_object('kind', l.kind, 'class_type', l.class_type, 'children', l.children,
        'months', l.months, 'rate_yuan', l.rate_yuan, 'amount_yuan', l.amount_yuan) order by l.kind, l.class_type), '[]'::jsonb))
      from private.compute_subsidy(institution, year, half) l);
end;
$$;
comment on function public.subsidy_preview(uuid, integer, integer) is '预览某半年可申请的托育补贴（本机构账号与属地管理员）';

-- Operator: apply (or re-apply after a return). A retry of a submitted or approved application
-- returns it unchanged.
create function public.apply_for_subsidy(institution uuid, year integer, half integer) returns public.subsidy_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app public.subsidy_applications%rowtype;
  inst public.institutions%rowtype;
  window_opens date;
  line_count integer;
  the_basis text;
  rule_region text;
begin
  select * into inst from public.institutions i where i.id = institution;
  if inst.id is null or not (inst.id = any (array(select private.member_institution_ids()))) then
    raise exception '机构不存在或您不是该机构的账号' using errcode = '42501';
  end if;
  select * into app from public.subsidy_applications a
   where a.institution_id = institution and a.year = apply_for_subsidy.year and a.half = apply_for_subsidy.half
   for update;
  if app.id is not null and app.status in ('applied', 'approved') then
    return app;
  end if;
  if half not in (1, 2) then
    raise exception '半年只能是 1（上半年）或 2（下半年）' using errcode = '22023';
  end if;
  window_opens := make_date(year, half * 6, 1);
  if (now() at time zone 'Asia/Shanghai')::date < window_opens then
    raise exception '%年%半年的补贴申请自 % 起开放', year, case half when 1 then '上' else '下' end, to_char(window_opens, 'YYYY-MM-DD')
      using errcode = '22023', hint = '每半年的最后一个月起可以申请本半年的补贴';
  end if;

  select count(*), min(l.basis::text), min(l.rule_region_code) filter (where l.kind = 'operating')
    into line_count, the_basis, rule_region
    from private.compute_subsidy(institution, year, half) l where l.amount_yuan > 0;
  if line_count = 0 then
    raise exception '本期没有符合补贴条件的在托婴幼儿或新增普惠托位，无需申请' using errcode = '23514',
      hint = '运营补贴按在托记录（或申报在托人数）计算；请先核对班级和在托名册';
  end if;

  if app.id is null then
    insert into public.subsidy_applications (institution_id, county_code, year, half, status, basis, submitted_by)
    values (institution, inst.county_code, year, half, 'applied', the_basis::public.subsidy_basis, (select auth.uid()))
    returning * into app;
  else
    delete from public.subsidy_application_lines l where l.application_id = app.id;
  end if;
  insert into public.subsidy_application_lines (application_id, institution_id, county_code, kind, class_type, children, months, rate_yuan, amount_yuan)
  select app.id, institution, inst.county_code, l.kind, l.class_type, l.children, l.months, l.rate_yuan, l.amount_yuan
    from private.compute_subsidy(institution, year, half) l where l.amount_yuan > 0;
  update public.subsidy_applications a
     set status = 'applied',
         basis = the_basis::public.subsidy_basis,
         rule_region_code = rule_region,
         children = coalesce((select sum(l.children) from public.subsidy_application_lines l where l.application_id = app.id and l.kind = 'operating'), 0),
         child_months = coalesce((select sum(l.months) from public.subsidy_application_lines l where l.application_id = app.id and l.kind = 'operating'), 0),
         new_slots = coalesce((select sum(l.children) from public.subsidy_application_lines l where l.application_id = app.id and l.kind = 'construction'), 0),
         operating_amount = coalesce((select sum(l.amount_yuan) from public.subsidy_application_lines l where l.application_id = app.id and l.kind = 'operating'), 0),
         construction_amount = coalesce((select sum(l.amount_yuan) from public.subsidy_application_lines l where l.application_id = app.id and l.kind = 'construction'), 0),
         submitted_by = (select auth.uid()), submitted_at = now(),
         decided_by = null, decided_at = null, return_reason = null
   where a.id = app.id
   returning * into app;
  return app;
end;
$$;
comment on function public.apply_for_subsidy(uuid, integer, integer) is '机构申请某半年托育补贴（金额由系统计算；已提交或已核准时重复调用返回原申请；被退回后重新计算并提交）';

-- The county admin of the institution's county decides. Not visible → "不存在".
create function private.subsidy_for_decision(application uuid) returns public.subsidy_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app public.subsidy_applications%rowtype;
begin
  select * into app from public.subsidy_applications a where a.id = application for update;
  if app.id is null or not private.can_view_institution_subsidy(app.institution_id) then
    raise exception '补贴申请不存在' using errcode = 'P0002';
  end if;
  if not private.has_scope(app.county_code, '{county_admin}') then
    raise exception '只有机构所在县（区）卫健部门可以审核补贴申请' using errcode = '42501';
  end if;
  return app;
end;
$$;

create function public.approve_subsidy(application uuid) returns public.subsidy_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app public.subsidy_applications%rowtype;
begin
  app := private.subsidy_for_decision(application);
  if app.status = 'approved' then
    return app;
  end if;
  if app.status = 'returned' then
    raise exception '该申请已退回，须由机构重新提交后才能核准' using errcode = '22023';
  end if;
  update public.subsidy_applications a
     set status = 'approved', decided_by = (select auth.uid()), decided_at = now()
   where a.id = app.id
   returning * into app;
  return app;
end;
$$;
comment on function public.approve_subsidy(uuid) is '县级卫健部门核准补贴申请（重复调用返回原结果）';

create function public.return_subsidy(application uuid, reason text) returns public.subsidy_applications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  app public.subsidy_applications%rowtype;
begin
  app := private.subsidy_for_decision(application);
  if app.status = 'returned' then
    return app;
  end if;
  if app.status = 'approved' then
    raise exception '该申请已核准，不能退回' using errcode = '22023';
  end if;
  if coalesce(length(btrim(reason)), 0) < 2 then
    raise exception '退回须填写理由（至少2个字）' using errcode = '23514';
  end if;
  update public.subsidy_applications a
     set status = 'returned', return_reason = btrim(reason), decided_by = (select auth.uid()), decided_at = now()
   where a.id = app.id
   returning * into app;
  return app;
end;
$$;
comment on function public.return_subsidy(uuid, text) is '县级卫健部门退回补贴申请并说明理由（重复调用返回原结果）';

revoke execute on function private.subsidy_rule_region(text, integer, public.subsidy_kind), private.compute_subsidy(uuid, integer, integer),
  private.can_view_institution_subsidy(uuid), private.subsidy_for_decision(uuid) from public;
revoke execute on function public.subsidy_preview(uuid, integer, integer), public.apply_for_subsidy(uuid, integer, integer),
  public.approve_subsidy(uuid), public.return_subsidy(uuid, text) from public, anon;
grant execute on function public.subsidy_preview(uuid, integer, integer), public.apply_for_subsidy(uuid, integer, integer),
  public.approve_subsidy(uuid), public.return_subsidy(uuid, text) to authenticated, service_role;

-- =============================================================================================
-- Permissions (menus and buttons)
-- =============================================================================================

insert into private.role_permissions (role, permission) values
  ('operator', 'subsidy.apply'),
  ('county_admin', 'subsidy.review'), ('county_admin', 'subsidy.view_region'),
  ('city_admin', 'subsidy.view_region'), ('province_admin', 'subsidy.view_region')
on conflict do nothing;

-- =============================================================================================
-- Rules (public policy figures)
-- =============================================================================================

-- 重庆: 托大班 700, 托小班 800, 乳儿班 900 元/生/年 (as reported in the seeds).
insert into public.subsidy_rules (region_code, year, kind, class_type, amount_yuan, requires_affordable, requires_filed, min_months, basis) values
  ('500000000000', 2025, 'operating', 'infant', 900, true, true, 3, '重庆市普惠托育运营补贴（按报道：乳儿班每生每年900元）'),
  ('500000000000', 2025, 'operating', 'toddler', 800, true, true, 3, '重庆市普惠托育运营补贴（按报道：托小班每生每年800元）'),
  ('500000000000', 2025, 'operating', 'older_toddler', 700, true, true, 3, '重庆市普惠托育运营补贴（按报道：托大班每生每年700元）'),
  ('500000000000', 2026, 'operating', 'infant', 900, true, true, 3, '重庆市普惠托育运营补贴（按报道：乳儿班每生每年900元）'),
  ('500000000000', 2026, 'operating', 'toddler', 800, true, true, 3, '重庆市普惠托育运营补贴（按报道：托小班每生每年800元）'),
  ('500000000000', 2026, 'operating', 'older_toddler', 700, true, true, 3, '重庆市普惠托育运营补贴（按报道：托大班每生每年700元）')
on conflict do nothing;
