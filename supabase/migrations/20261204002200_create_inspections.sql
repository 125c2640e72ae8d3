-- =============================================================================================
-- 监督检查 Inspections (issue 13 §4)
--   inspection_checklist_items  the checklist as data (region_code null = national; a region adds
--                               or replaces items by code)
--   inspection_plans            per county and period: 双随机 draw of institutions and inspectors,
--                               reproducible from the plan's seed and recorded on the plan
--   inspections                 one visit: team (inspectors, departments), result 合格/限期整改/不合格
--   inspection_findings         one row per checklist item, recorded by the assigned inspectors
--   rectifications              deadline, the operator's report with evidence, re-check, closure
-- RPCs: draw_inspection_plan (county), record_inspection (assigned inspectors only),
-- report_rectification (institution), recheck_rectification (county or the inspection's team),
-- public_oversight_record (anyone: the last 5 years of inspections, rectifications and closed
-- complaint findings of a public institution).
-- =============================================================================================

create type public.inspection_result as enum ('pass', 'rectify', 'fail');
comment on type public.inspection_result is '检查结果：pass 合格 / rectify 限期整改 / fail 不合格';
create type public.inspection_status as enum ('planned', 'recorded');
comment on type public.inspection_status is '检查状态：planned 待检查 / recorded 已检查';
create type public.rectification_status as enum ('open', 'reported', 'closed');
comment on type public.rectification_status is '整改状态：open 整改中 / reported 已报告待复查 / closed 已销号';

-- =============================================================================================
-- Tables
-- =============================================================================================

create table public.inspection_checklist_items (
  id bigint generated always as identity primary key,
  region_code text references public.regions (code) on delete cascade,
  code text not null check (code ~ '^[a-z_]{2,40}$'),
  title text not null check (length(btrim(title)) between 2 and 100),
  requirement text not null check (length(btrim(requirement)) between 2 and 500),
  basis text check (length(basis) <= 200),
  sort_order smallint not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  constraint inspection_checklist_items_unique unique nulls not distinct (region_code, code)
);
comment on table public.inspection_checklist_items is '监督检查清单：region_code 为空为全国默认，地方可按 code 覆盖或增加';
comment on column public.inspection_checklist_items.id is '主键';
comment on column public.inspection_checklist_items.region_code is '适用区划（空 = 全国）';
comment on column public.inspection_checklist_items.code is '检查项代码';
comment on column public.inspection_checklist_items.title is '检查项';
comment on column public.inspection_checklist_items.requirement is '检查要求';
comment on column public.inspection_checklist_items.basis is '依据';
comment on column public.inspection_checklist_items.sort_order is '排序';
comment on column public.inspection_checklist_items.active is '是否启用';
comment on column public.inspection_checklist_items.created_at is '创建时间';
create index inspection_checklist_items_region_code_idx on public.inspection_checklist_items (region_code);

insert into public.inspection_checklist_items (region_code, code, title, requirement, basis, sort_order) values
  (null, 'premises', '场所设施', '场所独立、安全，室内外活动场地、睡眠区、卫生间等符合设置标准，无安全隐患', '托育机构设置标准（试行）', 10),
  (null, 'staff_certificates', '人员资质', '保育人员持保育师、育婴员等证书上岗，全部从业人员持有效健康证', '托育机构管理规范（试行）', 20),
  (null, 'staff_ratio', '班额与配比', '各班班额和保育人员配比符合班型规则', '托育机构设置标准（试行）', 30),
  (null, 'cctv', '视频监控', '监控覆盖所有婴幼儿活动区域，录像保存不少于90天', '托育机构管理规范（试行）', 40),
  (null, 'food_safety', '食品安全', '持食品经营许可，食材索证索票，留样48小时，食谱公示', '食品安全法', 50),
  (null, 'fire_safety', '消防安全', '消防设施完好，疏散通道畅通，每季度组织应急疏散演练', '消防法', 60),
  (null, 'fee_list', '收费公示', '在显著位置公示收费项目清单和退费规则，未收取清单外费用', '托育机构管理规范（试行）', 70),
  (null, 'health_checks', '卫生保健', '入托体检、晨午检和全日健康观察记录完整，传染病防控措施落实', '托儿所幼儿园卫生保健管理办法', 80);

create table public.inspection_plans (
  id uuid primary key default gen_random_uuid(),
  county_code text not null references public.regions (code),
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  title text not null check (length(btrim(title)) between 2 and 100),
  period_start date not null,
  period_end date not null,
  seed text not null default substr(replace(gen_random_uuid()::text, '-', ''), 1, 16) check (length(seed) between 4 and 64),
  institution_count smallint not null check (institution_count between 1 and 500),
  inspectors_per_team smallint not null default 2 check (inspectors_per_team between 1 and 10),
  departments text[] not null default '{卫健}' check (cardinality(departments) between 1 and 10),
  drawn_at timestamptz,
  selection jsonb,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint inspection_plans_period_check check (period_start <= period_end)
);
comment on table public.inspection_plans is '监督检查计划（按县区和时段）：双随机抽取机构和检查人员，可凭随机种子复现并留存抽取结果';
comment on column public.inspection_plans.id is '主键';
comment on column public.inspection_plans.county_code is '县区代码';
comment on column public.inspection_plans.city_code is '所在市代码（由县区代码推导）';
comment on column public.inspection_plans.province_code is '所在省代码（由县区代码推导）';
comment on column public.inspection_plans.title is '计划名称';
comment on column public.inspection_plans.period_start is '检查开始日期';
comment on column public.inspection_plans.period_end is '检查结束日期';
comment on column public.inspection_plans.seed is '随机种子（公开可复现抽取结果）';
comment on column public.inspection_plans.institution_count is '抽取机构数';
comment on column public.inspection_plans.inspectors_per_team is '每组检查人员数';
comment on column public.inspection_plans.departments is '联合检查部门（卫健、市场监管、消防、公安、教育等）';
comment on column public.inspection_plans.drawn_at is '抽取时间';
comment on column public.inspection_plans.selection is '抽取结果 {institutions: [...], inspectors: [...]}（留存）';
comment on column public.inspection_plans.created_by is '创建人';
comment on column public.inspection_plans.created_at is '创建时间';
comment on column public.inspection_plans.updated_at is '更新时间';
create index inspection_plans_county_code_idx on public.inspection_plans (county_code, drawn_at);
create index inspection_plans_city_code_idx on public.inspection_plans (city_code);
create index inspection_plans_province_code_idx on public.inspection_plans (province_code);
create index inspection_plans_created_by_idx on public.inspection_plans (created_by);

create table public.inspections (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid references public.inspection_plans (id) on delete set null,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  inspector_ids uuid[] not null check (cardinality(inspector_ids) between 1 and 10),
  departments text[] not null default '{卫健}',
  scheduled_on date not null,
  status public.inspection_status not null default 'planned',
  result public.inspection_result,
  summary text check (length(summary) <= 2000),
  inspected_at timestamptz,
  recorded_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint inspections_recorded_check check ((status = 'recorded') = (result is not null and inspected_at is not null))
);
comment on table public.inspections is '监督检查：检查组（检查人员、部门）、检查结果（合格/限期整改/不合格）';
comment on column public.inspections.id is '主键';
comment on column public.inspections.plan_id is '所属检查计划（双随机）';
comment on column public.inspections.institution_id is '被检查机构';
comment on column public.inspections.county_code is '县区代码（触发器维护）';
comment on column public.inspections.city_code is '所在市代码（由县区代码推导）';
comment on column public.inspections.province_code is '所在省代码（由县区代码推导）';
comment on column public.inspections.inspector_ids is '检查人员（只有他们可以记录检查结果）';
comment on column public.inspections.departments is '参加部门';
comment on column public.inspections.scheduled_on is '计划检查日期';
comment on column public.inspections.status is '状态：planned 待检查 / recorded 已检查';
comment on column public.inspections.result is '结果：pass 合格 / rectify 限期整改 / fail 不合格';
comment on column public.inspections.summary is '检查结论（公开）';
comment on column public.inspections.inspected_at is '检查时间';
comment on column public.inspections.recorded_by is '记录人';
comment on column public.inspections.created_at is '创建时间';
comment on column public.inspections.updated_at is '更新时间';
create index inspections_plan_id_idx on public.inspections (plan_id);
create index inspections_institution_id_idx on public.inspections (institution_id, inspected_at);
create index inspections_county_code_idx on public.inspections (county_code, status);
create index inspections_city_code_idx on public.inspections (city_code);
create index inspections_province_code_idx on public.inspections (province_code);
create index inspections_inspector_ids_idx on public.inspections using gin (inspector_ids);
create index inspections_recorded_by_idx on public.inspections (recorded_by);

create table public.inspection_findings (
  id bigint generated always as identity primary key,
  inspection_id uuid not null references public.inspections (id) on delete cascade,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  item_code text not null,
  item_title text not null,
  passed boolean not null,
  note text check (length(note) <= 1000),
  photo_paths text[] not null default '{}' check (cardinality(photo_paths) <= 9),
  created_at timestamptz not null default now(),
  constraint inspection_findings_unique unique (inspection_id, item_code),
  constraint inspection_findings_failed_note_check check (passed or coalesce(length(btrim(note)), 0) >= 2)
);
comment on table public.inspection_findings is '检查记录：每个检查项是否符合要求及问题说明';
comment on column public.inspection_findings.id is '主键';
comment on column public.inspection_findings.inspection_id is '检查ID';
comment on column public.inspection_findings.institution_id is '被检查机构';
comment on column public.inspection_findings.county_code is '县区代码';
comment on column public.inspection_findings.item_code is '检查项代码';
comment on column public.inspection_findings.item_title is '检查项（记录时的名称）';
comment on column public.inspection_findings.passed is '是否符合要求';
comment on column public.inspection_findings.note is '问题说明（不符合时必填）';
comment on column public.inspection_findings.photo_paths is '现场照片路径';
comment on column public.inspection_findings.created_at is '记录时间';
create index inspection_findings_institution_id_idx on public.inspection_findings (institution_id);
create index inspection_findings_county_code_idx on public.inspection_findings (county_code);

create table public.rectifications (
  id uuid primary key default gen_random_uuid(),
  inspection_id uuid not null unique references public.inspections (id) on delete cascade,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  requirement text not null check (length(btrim(requirement)) between 2 and 2000),
  deadline_on date not null,
  status public.rectification_status not null default 'open',
  operator_report text check (length(operator_report) <= 2000),
  evidence_paths text[] not null default '{}' check (cardinality(evidence_paths) <= 9),
  reported_at timestamptz,
  recheck_note text check (length(recheck_note) <= 1000),
  rechecked_by uuid references auth.users (id) on delete set null,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.rectifications is '整改：期限、机构整改报告和佐证、复查、销号';
comment on column public.rectifications.id is '主键';
comment on column public.rectifications.inspection_id is '检查ID';
comment on column public.rectifications.institution_id is '机构ID';
comment on column public.rectifications.county_code is '县区代码';
comment on column public.rectifications.requirement is '整改要求';
comment on column public.rectifications.deadline_on is '整改期限';
comment on column public.rectifications.status is '状态：open 整改中 / reported 已报告待复查 / closed 已销号';
comment on column public.rectifications.operator_report is '机构整改报告';
comment on column public.rectifications.evidence_paths is '整改佐证材料路径';
comment on column public.rectifications.reported_at is '报告时间';
comment on column public.rectifications.recheck_note is '复查意见';
comment on column public.rectifications.rechecked_by is '复查人';
comment on column public.rectifications.closed_at is '销号时间';
comment on column public.rectifications.created_at is '创建时间';
comment on column public.rectifications.updated_at is '更新时间';
create index rectifications_institution_id_idx on public.rectifications (institution_id);
create index rectifications_county_code_idx on public.rectifications (county_code, status);
create index rectifications_rechecked_by_idx on public.rectifications (rechecked_by);

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger inspection_plans_touch_updated_at before update on public.inspection_plans
  for each row execute function private.touch_updated_at();
create trigger inspections_touch_updated_at before update on public.inspections
  for each row execute function private.touch_updated_at();
create trigger rectifications_touch_updated_at before update on public.rectifications
  for each row execute function private.touch_updated_at();

-- Plans: the county admin writes the plan until it is drawn; the draw is recorded by the RPC.
create function private.inspection_plans_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (select r.level from public.regions r where r.code = new.county_code) is distinct from 'county' then
    raise exception '检查计划应属于一个县区' using errcode = '23514';
  end if;
  if not private.is_api_user() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.drawn_at := null;
    new.selection := null;
    new.created_by := (select auth.uid());
  else
    new.created_by := old.created_by;
    if old.drawn_at is not null then
      raise exception '计划已抽取，不能再修改' using errcode = '42501';
    end if;
    -- the draw (draw_inspection_plan) records exactly what the seed draws; nothing else is a draw
    if new.selection is distinct from old.selection or new.drawn_at is distinct from old.drawn_at then
      if (new.county_code, new.seed, new.institution_count) is distinct from (old.county_code, old.seed, old.institution_count)
         or new.selection is distinct from private.draw_selection(old) then
        raise exception '抽取结果只能由 draw_inspection_plan 按随机种子生成' using errcode = '42501';
      end if;
      new.drawn_at := now();
    end if;
  end if;
  return new;
end;
$$;
create trigger inspection_plans_before_write before insert or update on public.inspection_plans
  for each row execute function private.inspection_plans_before_write();

-- Inspections: the county admin plans ad-hoc visits of a public institution of their county with
-- inspectors of that county; results come only from record_inspection.
create function private.inspections_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    new.institution_id := old.institution_id;
    new.plan_id := old.plan_id;
    -- record_inspection: a team member records a planned inspection whose findings are in
    if private.is_api_user() and old.status = 'planned' and new.status = 'recorded'
       and coalesce((select auth.uid()) = any (old.inspector_ids), false)
       and exists (select 1 from public.inspection_findings f where f.inspection_id = old.id) then
      new.county_code := old.county_code;
      new.inspector_ids := old.inspector_ids;
      new.departments := old.departments;
      new.scheduled_on := old.scheduled_on;
      new.recorded_by := (select auth.uid());
      return new;
    end if;
  end if;
  select i.county_code into new.county_code from public.institutions i
   where i.id = new.institution_id and (not private.is_api_user() or i.status in ('filed', 'suspended'));
  if new.county_code is null or (private.is_api_user() and not private.has_scope(new.county_code, '{county_admin}')) then
    raise exception '机构不存在' using errcode = '23503';
  end if;
  if private.is_api_user() then
    if tg_op = 'INSERT' then
      new.status := 'planned'; new.result := null; new.summary := null; new.inspected_at := null; new.recorded_by := null;
    elsif pg_trigger_depth() = 1 and (new.status, new.result, new.summary, new.inspected_at, new.recorded_by)
            is distinct from (old.status, old.result, old.summary, old.inspected_at, old.recorded_by) then
      raise exception '检查结果只能由检查人员通过 record_inspection 记录' using errcode = '42501';
    end if;
    if exists (select 1 from unnest(new.inspector_ids) u
                where not exists (select 1 from public.staff_scopes s
                                   where s.user_id = u and s.role = 'inspector'
                                     and new.county_code like rtrim(s.region_code, '0') || '%')) then
      raise exception '检查人员应为本县区的检查人员' using errcode = '23514';
    end if;
  end if;
  return new;
end;
$$;
create trigger inspections_before_write before insert or update on public.inspections
  for each row execute function private.inspections_before_write();

create trigger inspections_audit after insert or update or delete on public.inspections
  for each row execute function private.audit_row();
create trigger rectifications_audit after insert or update or delete on public.rectifications
  for each row execute function private.audit_row();
create trigger inspection_plans_audit after insert or update or delete on public.inspection_plans
  for each row execute function private.audit_row();

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- The checklist of a county: national items, replaced or extended by its province, city, county.
create function private.checklist_for(county text) returns setof public.inspection_checklist_items
language sql
stable
security definer
set search_path = ''
as $$
  select distinct on (c.code) c.*
    from public.inspection_checklist_items c
   where c.region_code is null or c.region_code in (county, substr(county, 1, 4) || '00000000', substr(county, 1, 2) || '0000000000')
   order by c.code, length(rtrim(coalesce(c.region_code, ''), '0')) desc
$$;

-- 双随机: the same seed over the same filed list and inspector pool draws the same result.
create function private.draw_selection(plan public.inspection_plans) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'institutions', coalesce((select jsonb_agg(x.id order by x.k) from (
        select i.id, md5(plan.seed || ':' || i.id::text) as k from public.institutions i
         where i.county_code = plan.county_code and i.status = 'filed'
         order by k limit plan.institution_count) x), '[]'),
    'inspectors', coalesce((select jsonb_agg(y.user_id order by y.k) from (
        select distinct s.user_id, md5(plan.seed || ':' || s.user_id::text) as k from public.staff_scopes s
         where s.role = 'inspector' and plan.county_code like rtrim(s.region_code, '0') || '%') y), '[]'))
$$;
comment on function private.draw_selection(public.inspection_plans) is '双随机抽取：按 md5(种子:ID) 排序，抽取已备案机构和检查人员（同一种子可复现）';

create function private.my_inspection_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select i.id from public.inspections i where (select auth.uid()) = any (i.inspector_ids)
$$;

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.inspection_checklist_items enable row level security;
create policy inspection_checklist_items_select_public on public.inspection_checklist_items for select to anon, authenticated using (true);
create policy inspection_checklist_items_insert_admin on public.inspection_checklist_items
  for insert to authenticated with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy inspection_checklist_items_update_admin on public.inspection_checklist_items
  for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke insert, update, delete, truncate on public.inspection_checklist_items from anon;
revoke delete, truncate on public.inspection_checklist_items from authenticated;

alter table public.inspection_plans enable row level security;
create policy inspection_plans_select_staff on public.inspection_plans
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy inspection_plans_insert_county_admin on public.inspection_plans
  for insert to authenticated with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy inspection_plans_update_county_admin on public.inspection_plans
  for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{county_admin}'))))
  with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy inspection_plans_delete_county_admin on public.inspection_plans
  for delete to authenticated using (drawn_at is null and county_code = any (array(select private.counties_in_scope('{county_admin}'))));
revoke all on public.inspection_plans from anon;
revoke truncate on public.inspection_plans from authenticated;

-- inspections: admins in scope, the team, and (once recorded) the institution
alter table public.inspections enable row level security;
create policy inspections_select_admin on public.inspections
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
create policy inspections_select_team on public.inspections
  for select to authenticated using ((select auth.uid()) = any (inspector_ids));
create policy inspections_select_member on public.inspections
  for select to authenticated using (status = 'recorded' and institution_id = any (array(select private.member_institution_ids())));
create policy inspections_insert_county_admin on public.inspections
  for insert to authenticated with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy inspections_update_county_admin on public.inspections
  for update to authenticated
  using (status = 'planned' and county_code = any (array(select private.counties_in_scope('{county_admin}'))))
  with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy inspections_delete_county_admin on public.inspections
  for delete to authenticated using (status = 'planned' and county_code = any (array(select private.counties_in_scope('{county_admin}'))));
revoke all on public.inspections from anon;
revoke truncate on public.inspections from authenticated;

alter table public.inspection_findings enable row level security;
create policy inspection_findings_select_admin on public.inspection_findings
  for select to authenticated using (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}'))));
create policy inspection_findings_select_team on public.inspection_findings
  for select to authenticated using (inspection_id = any (array(select private.my_inspection_ids())));
create policy inspection_findings_select_member on public.inspection_findings
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
revoke all on public.inspection_findings from anon;
revoke insert, update, delete, truncate on public.inspection_findings from authenticated;

alter table public.rectifications enable row level security;
create policy rectifications_select_admin on public.rectifications
  for select to authenticated using (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}'))));
create policy rectifications_select_team on public.rectifications
  for select to authenticated using (inspection_id = any (array(select private.my_inspection_ids())));
create policy rectifications_select_member on public.rectifications
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
revoke all on public.rectifications from anon;
revoke insert, update, delete, truncate on public.rectifications from authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Draw a plan (county admin, once): the selection is recorded and one inspection per institution is
-- planned, teams taken round-robin from the drawn inspector order.
create function public.draw_inspection_plan(plan_id uuid) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  p public.inspection_plans;
  sel jsonb;
  n_inspectors integer;
  team_size integer;
  k integer := 0;
  inst uuid;
begin
  select * into p from public.inspection_plans x where x.id = draw_inspection_plan.plan_id for update;
  if p.id is null or not private.has_scope(p.county_code, '{county_admin}') then
    raise exception '检查计划不存在' using errcode = 'P0002';
  end if;
  if p.drawn_at is not null then
    raise exception '计划已抽取（%），结果已留存', p.drawn_at using errcode = '23514';
  end if;
  sel := private.draw_selection(p);
  n_inspectors := jsonb_array_length(sel -> 'inspectors');
  if jsonb_array_length(sel -> 'institutions') = 0 then
    raise exception '本县区没有可抽取的已备案机构' using errcode = '23514';
  end if;
  if n_inspectors = 0 then
    raise exception '本县区没有检查人员，请先授权检查人员' using errcode = '23514';
  end if;
  team_size := least(p.inspectors_per_team, n_inspectors);
  for inst in select (jsonb_array_elements_text(sel -> 'institutions'))::uuid loop
    insert into public.inspections (plan_id, institution_id, inspector_ids, departments, scheduled_on)
    values (p.id, inst,
            array(select (sel -> 'inspectors' ->> ((k * team_size + j) % n_inspectors))::uuid from generate_series(0, team_size - 1) j),
            p.departments, p.period_start);
    k := k + 1;
  end loop;
  update public.inspection_plans x set drawn_at = now(), selection = sel where x.id = p.id;
  return sel;
end;
$$;
comment on function public.draw_inspection_plan(uuid) is '双随机抽取：按计划的随机种子抽取机构和检查人员，留存结果并生成检查任务（县级卫健部门，每个计划一次）';

-- Record an inspection (assigned inspectors only): one finding per checklist item; 限期整改 and
-- 不合格 open a rectification with its deadline.
create function public.record_inspection(inspection_id uuid, findings jsonb, result text, summary text default null,
  rectify_by date default null) returns public.inspection_result
language plpgsql
security definer
set search_path = ''
as $$
declare
  ins public.inspections;
  res public.inspection_result;
  missing text;
  failed text;
begin
  select * into ins from public.inspections x where x.id = record_inspection.inspection_id for update;
  if ins.id is null or not coalesce((select auth.uid()) = any (ins.inspector_ids), false) then
    raise exception '检查任务不存在或未分配给您' using errcode = 'P0002';
  end if;
  if ins.status = 'recorded' then
    raise exception '该检查已记录' using errcode = '23514';
  end if;
  if record_inspection.result is null or not record_inspection.result = any (enum_range(null::public.inspection_result)::text[]) then
    raise exception '检查结果应为 pass（合格）、rectify（限期整改）或 fail（不合格）' using errcode = '22023';
  end if;
  res := record_inspection.result::public.inspection_result;
  if findings is null or jsonb_typeof(findings) <> 'array' then
    raise exception '请逐项填写检查记录' using errcode = '22023';
  end if;
  select string_agg(c.title, '、' order by c.sort_order) into missing from private.checklist_for(ins.county_code) c
   where c.active and not exists (select 1 from jsonb_array_elements(findings) f where f ->> 'item_code' = c.code);
  if missing is not null then
    raise exception '以下检查项尚未填写：%', missing using errcode = '22023';
  end if;
  begin
    insert into public.inspection_findings (inspection_id, institution_id, county_code, item_code, item_title, passed, note, photo_paths)
    select ins.id, ins.institution_id, ins.county_code, c.code, c.title, (f ->> 'passed')::boolean, nullif(btrim(f ->> 'note'), ''),
           coalesce(array(select jsonb_array_elements_text(f -> 'photo_paths')), '{}')
      from jsonb_array_elements(findings) f
      join private.checklist_for(ins.county_code) c on c.code = f ->> 'item_code' and c.active;
  exception
    when not_null_violation then raise exception '每个检查项须填写是否符合要求' using errcode = '22023';
    when check_violation then raise exception '不符合要求的检查项须说明问题' using errcode = '22023';
    when unique_violation then raise exception '检查项重复' using errcode = '22023';
  end;
  select string_agg(x.item_title, '、') into failed from public.inspection_findings x where x.inspection_id = ins.id and not x.passed;
  if res = 'pass' and failed is not null then
    raise exception '有不符合要求的检查项（%），结果不能为合格', failed using errcode = '23514';
  end if;
  if res <> 'pass' and failed is null then
    raise exception '限期整改或不合格须至少有一项不符合要求' using errcode = '23514';
  end if;
  if res <> 'pass' and (record_inspection.rectify_by is null or record_inspection.rectify_by < (now() at time zone 'Asia/Shanghai')::date) then
    raise exception '请填写不早于今天的整改期限' using errcode = '22023';
  end if;
  update public.inspections x
     set status = 'recorded', result = res, summary = nullif(btrim(record_inspection.summary), ''),
         inspected_at = now(), recorded_by = (select auth.uid())
   where x.id = ins.id;
  if res <> 'pass' then
    insert into public.rectifications (inspection_id, institution_id, county_code, requirement, deadline_on)
    values (ins.id, ins.institution_id, ins.county_code,
            (select string_agg(x.item_title || '：' || x.note, '；' order by x.id) from public.inspection_findings x
              where x.inspection_id = ins.id and not x.passed),
            record_inspection.rectify_by);
  end if;
  return res;
end;
$$;
comment on function public.record_inspection(uuid, jsonb, text, text, date) is '检查人员记录检查结果（仅限分配给本人的检查）：逐项记录，限期整改/不合格时生成整改任务';

create function public.report_rectification(rectification_id uuid, report text, evidence_paths text[] default '{}')
returns public.rectification_status
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.rectifications;
begin
  select * into r from public.rectifications x where x.id = report_rectification.rectification_id for update;
  if r.id is null or not r.institution_id = any (array(select private.member_institution_ids())) then
    raise exception '整改任务不存在' using errcode = 'P0002';
  end if;
  if r.status = 'closed' then
    raise exception '整改已销号' using errcode = '23514';
  end if;
  if coalesce(length(btrim(report_rectification.report)), 0) < 2 then
    raise exception '请填写整改情况' using errcode = '22023';
  end if;
  update public.rectifications x
     set status = 'reported', operator_report = btrim(report_rectification.report),
         evidence_paths = coalesce(report_rectification.evidence_paths, '{}'), reported_at = now()
   where x.id = r.id;
  return 'reported';
end;
$$;
comment on function public.report_rectification(uuid, text, text[]) is '机构报告整改情况（附佐证材料）';

create function public.recheck_rectification(rectification_id uuid, passed boolean, note text) returns public.rectification_status
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.rectifications;
begin
  select * into r from public.rectifications x where x.id = recheck_rectification.rectification_id for update;
  if r.id is null or not (private.has_scope(r.county_code, '{county_admin}')
                          or coalesce(r.inspection_id = any (array(select private.my_inspection_ids())), false)) then
    raise exception '整改任务不存在' using errcode = 'P0002';
  end if;
  if r.status <> 'reported' then
    raise exception '机构尚未报告整改情况' using errcode = '23514';
  end if;
  if recheck_rectification.passed is null or coalesce(length(btrim(recheck_rectification.note)), 0) < 2 then
    raise exception '请填写复查意见' using errcode = '22023';
  end if;
  update public.rectifications x
     set status = case when recheck_rectification.passed then 'closed' else 'open' end::public.rectification_status,
         recheck_note = btrim(recheck_rectification.note), rechecked_by = (select auth.uid()),
         closed_at = case when recheck_rectification.passed then now() end
   where x.id = r.id;
  return case when recheck_rectification.passed then 'closed' else 'open' end::public.rectification_status;
end;
$$;
comment on function public.recheck_rectification(uuid, boolean, text) is '复查整改：通过则销号，不通过则退回继续整改（县级卫健部门或该次检查的检查人员）';

-- Public record of a public institution: inspections, rectification status and closed complaint
-- findings of the last 5 years (no people, no internal notes).
create function public.public_oversight_record(institution_id uuid) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select case when exists (select 1 from public.institutions i
                            where i.id = public_oversight_record.institution_id and i.status in ('filed', 'suspended')) then
    jsonb_build_object(
      'inspections', coalesce((select jsonb_agg(jsonb_build_object(
            'inspected_on', (x.inspected_at at time zone 'Asia/Shanghai')::date, 'result', x.result, 'summary', x.summary,
            'departments', x.departments,
            'rectification', (select jsonb_build_object('status', r.status, 'deadline_on', r.deadline_on,
                                                        'closed_on', (r.closed_at at time zone 'Asia/Shanghai')::date)
                                from public.rectifications r where r.inspection_id = x.id))
          order by x.inspected_at desc)
        from public.inspections x
       where x.institution_id = public_oversight_record.institution_id and x.status = 'recorded'
         and x.inspected_at > now() - interval '5 years'), '[]'),
      'complaints', coalesce((select jsonb_agg(jsonb_build_object(
            'category', c.category, 'closed_on', (c.closed_at at time zone 'Asia/Shanghai')::date, 'result', c.public_result)
          order by c.closed_at desc)
        from public.complaints c
       where c.institution_id = public_oversight_record.institution_id and c.status = 'closed'
         and c.closed_at > now() - interval '5 years'), '[]'))
  end
$$;
comment on function public.public_oversight_record(uuid) is '机构公开监管记录：近5年的监督检查结果、整改情况和已办结投诉的处理结果（不含个人信息）';

-- The county's rectification list with overdue highlighting (security invoker: the policies apply).
create view public.rectification_queue with (security_invoker = true) as
  select r.id, r.inspection_id, r.institution_id, i.name as institution_name, r.county_code, r.requirement,
         r.deadline_on, r.status, r.reported_at, r.closed_at,
         (r.status = 'open' and (now() at time zone 'Asia/Shanghai')::date > r.deadline_on) as overdue
    from public.rectifications r
    join public.institutions i on i.id = r.institution_id;
comment on view public.rectification_queue is '整改清单：期限与是否逾期（整改中且已过期限）';
revoke all on public.rectification_queue from anon;
grant select on public.rectification_queue to authenticated;

revoke execute on function public.draw_inspection_plan(uuid), public.record_inspection(uuid, jsonb, text, text, date),
  public.report_rectification(uuid, text, text[]), public.recheck_rectification(uuid, boolean, text) from public, anon;
grant execute on function public.draw_inspection_plan(uuid), public.record_inspection(uuid, jsonb, text, text, date),
  public.report_rectification(uuid, text, text[]), public.recheck_rectification(uuid, boolean, text) to authenticated, service_role;
revoke execute on function public.public_oversight_record(uuid) from public;
grant execute on function public.public_oversight_record(uuid) to anon, authenticated, service_role;
revoke execute on all functions in schema private from public;
grant execute on function private.my_inspection_ids() to authenticated, service_role;
