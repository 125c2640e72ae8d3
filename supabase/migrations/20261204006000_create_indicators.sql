-- =============================================================================================
-- 指标与目标 Indicators against targets (issue 15 §1–2)
--   institution_history  每个机构的登记状态时间线：状态、普惠、托位数（班级托位之和）各自的生效日期；
--                        每次备案审核通过、变更备案、暂停/恢复/注销/撤销、普惠认定和班级托位变化都写一行，
--                        所以任一日期的托位数、任一年度的新增托位都能算出
--   affordable_designations 普惠认定：县级卫健部门认定（日期、依据），不再由机构勾选
--   residential_areas    居民点（小区/村），用于 15 分钟托育服务圈覆盖率
--   region_targets       增加 affordable_institutions（普惠机构数，如 济南“300 个普惠机构”）与全国默认（region_code 为空）
--   region_indicators()  一个函数计算全部指标，公式写在 comment on 和 admin/src/routes/statistics/README.md
-- =============================================================================================

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.history_cause as enum (
  'backfill', 'filing_approved', 'filing_change', 'status_change', 'affordable_designation', 'class_change');
comment on type public.history_cause is '登记变化原因：backfill 历史补录 / filing_approved 备案通过 / filing_change 变更备案 / status_change 暂停恢复注销撤销 / affordable_designation 普惠认定 / class_change 班级托位变化';

-- 普惠机构数目标（如 济南 300 个普惠机构）
alter type public.target_metric add value if not exists 'affordable_institutions';
comment on type public.target_metric is '区域目标指标：slots_per_1000 千人托位数 / affordable_share 普惠托位占比% / streets_with_affordable_share 有普惠机构的街道占比% / certified_staff_rate 持证上岗率% / health_record_rate 电子健康档案建档率% / annual_new_slots 年度新增托位任务（个） / affordable_institutions 普惠托育机构数（个）';

-- =============================================================================================
-- Tables
-- =============================================================================================

-- Targets: national defaults (region_code null) and counts ------------------------------------------
alter table public.region_targets alter column region_code drop not null;
alter table public.region_targets drop constraint region_targets_unique;
alter table public.region_targets add constraint region_targets_unique unique nulls not distinct (region_code, metric, year);
alter table public.region_targets drop constraint region_targets_percent_check;
alter table public.region_targets add constraint region_targets_percent_check check (
  metric::text in ('slots_per_1000', 'annual_new_slots', 'affordable_institutions') or value <= 100);
comment on column public.region_targets.region_code is '区划代码（空 = 全国默认，下级未设目标时沿用上级直至全国）';
comment on column public.region_targets.metric is '指标：slots_per_1000 千人托位数 / affordable_share 普惠托位占比% / streets_with_affordable_share 有普惠机构的街道占比% / certified_staff_rate 持证上岗率% / health_record_rate 电子健康档案建档率% / annual_new_slots 年度新增托位任务（个） / affordable_institutions 普惠托育机构数（个）';
create index region_targets_region_code_idx on public.region_targets (region_code, metric, year);

-- Institution history ---------------------------------------------------------------------------------
create table public.institution_history (
  id bigint generated always as identity primary key,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  street_code text not null references public.regions (code),
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  valid_from date not null,
  valid_to date,
  status public.institution_status not null,
  affordable boolean not null,
  slots integer not null check (slots >= 0),
  cause public.history_cause not null,
  filing_id uuid references public.filings (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint institution_history_unique unique (institution_id, valid_from),
  constraint institution_history_valid_check check (valid_to is null or valid_to > valid_from)
);
comment on table public.institution_history is '机构登记状态时间线：每行是自 valid_from 起（至 valid_to 前）机构的状态、普惠性质与托位数；任一日期 D 的状态 = valid_from ≤ D 且（valid_to 为空或 > D）的那一行';
comment on column public.institution_history.id is '主键';
comment on column public.institution_history.institution_id is '机构ID';
comment on column public.institution_history.street_code is '当时所在街道（乡镇）';
comment on column public.institution_history.county_code is '当时所在县区';
comment on column public.institution_history.city_code is '所在市（由县区代码推导）';
comment on column public.institution_history.province_code is '所在省（由县区代码推导）';
comment on column public.institution_history.valid_from is '生效日期（含）';
comment on column public.institution_history.valid_to is '失效日期（不含；空 = 现状）';
comment on column public.institution_history.status is '机构状态：draft 未备案 / filed 已备案 / suspended 暂停运营 / cancelled 已注销 / revoked 撤销备案';
comment on column public.institution_history.affordable is '是否普惠（县级卫健部门认定）';
comment on column public.institution_history.slots is '托位数 = 该机构全部班级托位（班额）之和';
comment on column public.institution_history.cause is '变化原因：backfill 历史补录 / filing_approved 备案通过 / filing_change 变更备案 / status_change 暂停恢复注销撤销 / affordable_designation 普惠认定 / class_change 班级托位变化';
comment on column public.institution_history.filing_id is '引起变化的备案（如有）';
comment on column public.institution_history.created_at is '记录时间';
create index institution_history_filing_id_idx on public.institution_history (filing_id);
create index institution_history_street_code_idx on public.institution_history (street_code, valid_from) include (valid_to, status, affordable, slots);
create index institution_history_county_code_idx on public.institution_history (county_code, valid_from) include (valid_to, status, affordable, slots, street_code);
create index institution_history_city_code_idx on public.institution_history (city_code, valid_from) include (valid_to, status, affordable, slots, street_code);
create index institution_history_province_code_idx on public.institution_history (province_code, valid_from) include (valid_to, status, affordable, slots, street_code);

-- 普惠认定 ----------------------------------------------------------------------------------------------
create table public.affordable_designations (
  id bigint generated always as identity primary key,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  affordable boolean not null,
  designated_on date not null,
  basis text not null check (length(btrim(basis)) between 2 and 500),
  designated_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now()
);
comment on table public.affordable_designations is '普惠托育机构认定（县级卫健部门认定或取消认定，含日期与依据）；只经 designate_affordable() 写入';
comment on column public.affordable_designations.id is '主键';
comment on column public.affordable_designations.institution_id is '机构ID';
comment on column public.affordable_designations.county_code is '机构所在县区';
comment on column public.affordable_designations.city_code is '所在市（由县区代码推导）';
comment on column public.affordable_designations.province_code is '所在省（由县区代码推导）';
comment on column public.affordable_designations.affordable is 'true 认定为普惠 / false 取消普惠认定';
comment on column public.affordable_designations.designated_on is '认定（取消）生效日期';
comment on column public.affordable_designations.basis is '认定依据（文件名称、文号或协议）';
comment on column public.affordable_designations.designated_by is '认定人';
comment on column public.affordable_designations.created_at is '记录时间';
create index affordable_designations_institution_id_idx on public.affordable_designations (institution_id, designated_on);
create index affordable_designations_county_code_idx on public.affordable_designations (county_code);
create index affordable_designations_city_code_idx on public.affordable_designations (city_code);
create index affordable_designations_province_code_idx on public.affordable_designations (province_code);
create index affordable_designations_designated_by_idx on public.affordable_designations (designated_by);

-- 居民点 ------------------------------------------------------------------------------------------------
create table public.residential_areas (
  id bigint generated always as identity primary key,
  street_code text not null references public.regions (code),
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  name text not null check (length(btrim(name)) between 2 and 100),
  lat numeric(9, 6) not null check (lat between 3.5 and 53.6),
  lng numeric(9, 6) not null check (lng between 73.4 and 135.1),
  households integer check (households >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.residential_areas is '居民点（城镇小区、村居委会驻地），GCJ-02 坐标；15分钟托育服务圈覆盖率 = 1公里内有已备案托育机构的居民点 ÷ 居民点';
comment on column public.residential_areas.id is '主键';
comment on column public.residential_areas.street_code is '所在街道（乡镇）';
comment on column public.residential_areas.county_code is '所在县区（触发器由街道推导）';
comment on column public.residential_areas.city_code is '所在市（由县区代码推导）';
comment on column public.residential_areas.province_code is '所在省（由县区代码推导）';
comment on column public.residential_areas.name is '名称（小区、社区或村）';
comment on column public.residential_areas.lat is '纬度（GCJ-02）';
comment on column public.residential_areas.lng is '经度（GCJ-02）';
comment on column public.residential_areas.households is '户数（如已知）';
comment on column public.residential_areas.created_at is '创建时间';
comment on column public.residential_areas.updated_at is '更新时间';
create index residential_areas_street_code_idx on public.residential_areas (street_code);
create index residential_areas_county_code_idx on public.residential_areas (county_code);
create index residential_areas_city_code_idx on public.residential_areas (city_code);
create index residential_areas_province_code_idx on public.residential_areas (province_code);

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger residential_areas_touch_updated_at before update on public.residential_areas
  for each row execute function private.touch_updated_at();

create function private.residential_areas_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  street public.regions%rowtype;
begin
  select * into street from public.regions where code = new.street_code;
  if street.code is null or street.level <> 'street' then
    raise exception '所在街道（乡镇）代码无效：%', new.street_code using errcode = '23514';
  end if;
  new.county_code := street.county_code;
  return new;
end;
$$;
create trigger residential_areas_before_write before insert or update on public.residential_areas
  for each row execute function private.residential_areas_before_write();

-- The institution's state today, as a history row from `on_date` (same day: the row is updated; no
-- change: nothing is written). Drafts that were never filed have no history.
create function private.record_institution_state(inst uuid, why public.history_cause, on_date date,
                                                 filing uuid default null) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  i public.institutions%rowtype;
  total integer;
  last public.institution_history%rowtype;
begin
  select * into i from public.institutions where id = inst;
  if i.id is null then
    return;
  end if;
  select coalesce(sum(c.capacity), 0)::integer into total from public.classes c where c.institution_id = inst;
  select * into last from public.institution_history h where h.institution_id = inst and h.valid_to is null
   order by h.valid_from desc limit 1;
  if last.id is null and i.status = 'draft' then
    return;
  end if;
  if last.id is not null and last.status = i.status and last.affordable = i.affordable
     and last.slots = total and last.street_code = i.street_code then
    return;
  end if;
  if last.id is not null and on_date <= last.valid_from then
    update public.institution_history
       set status = i.status, affordable = i.affordable, slots = total, street_code = i.street_code,
           county_code = i.county_code, cause = why, filing_id = coalesce(filing, filing_id)
     where id = last.id;
    return;
  end if;
  if last.id is not null then
    update public.institution_history set valid_to = on_date where id = last.id;
  end if;
  insert into public.institution_history (institution_id, street_code, county_code, valid_from, status, affordable, slots, cause, filing_id)
  values (inst, i.street_code, i.county_code, on_date, i.status, i.affordable, total, why, filing);
end;
$$;
comment on function private.record_institution_state(uuid, public.history_cause, date, uuid) is '把机构现状（状态、普惠、托位数）记入登记时间线，自 on_date 起生效';

create function private.today_cn() returns date
language sql
stable
set search_path = ''
as $$ select (now() at time zone 'Asia/Shanghai')::date $$;
comment on function private.today_cn() is '北京时间的今天';

create function private.institutions_after_write_history() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  why public.history_cause;
  on_date date := private.today_cn();
  filing uuid;
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status and new.affordable is not distinct from old.affordable
     and new.street_code is not distinct from old.street_code then
    return null;
  end if;
  if new.status = 'filed' and (tg_op = 'INSERT' or old.status = 'draft') then
    why := 'filing_approved';
    on_date := coalesce((new.filed_at at time zone 'Asia/Shanghai')::date, on_date);
    select f.id into filing from public.filings f
     where f.institution_id = new.id and f.kind = 'new' and f.status = 'approved' order by f.decided_at desc nulls last limit 1;
  elsif tg_op = 'UPDATE' and new.status is distinct from old.status then
    why := 'status_change';
    if new.status = 'cancelled' then
      select f.id into filing from public.filings f
       where f.institution_id = new.id and f.kind = 'cancel' and f.status = 'approved' order by f.decided_at desc nulls last limit 1;
    end if;
  elsif tg_op = 'UPDATE' and new.affordable is distinct from old.affordable then
    why := 'affordable_designation';
    on_date := coalesce(nullif(current_setting('tuoyu.designated_on', true), '')::date, on_date);
  else
    why := 'filing_change';
  end if;
  perform private.record_institution_state(new.id, why, on_date, filing);
  return null;
end;
$$;
create trigger institutions_after_write_history after insert or update of status, affordable, street_code on public.institutions
  for each row execute function private.institutions_after_write_history();

create function private.classes_after_write_history() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  inst uuid := coalesce(new.institution_id, old.institution_id);
begin
  if tg_op = 'UPDATE' and new.capacity = old.capacity and new.institution_id = old.institution_id then
    return null;
  end if;
  perform private.record_institution_state(inst, 'class_change', private.today_cn());
  if tg_op = 'UPDATE' and new.institution_id <> old.institution_id then
    perform private.record_institution_state(old.institution_id, 'class_change', private.today_cn());
  end if;
  return null;
end;
$$;
create trigger classes_after_write_history after insert or update of capacity, institution_id or delete on public.classes
  for each row execute function private.classes_after_write_history();

-- Backfill: one row per institution that has been filed, from its filing date.
insert into public.institution_history (institution_id, street_code, county_code, valid_from, status, affordable, slots, cause)
select i.id, i.street_code, i.county_code,
       coalesce((i.filed_at at time zone 'Asia/Shanghai')::date, (i.created_at at time zone 'Asia/Shanghai')::date),
       i.status, i.affordable,
       coalesce((select sum(c.capacity) from public.classes c where c.institution_id = i.id), 0), 'backfill'
  from public.institutions i
 where i.status <> 'draft';

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- The target in force for a region, metric and year. Ratio targets are inherited: the region's own,
-- else its county's, city's, province's, else the national default (region_code null); within a
-- region the target of that year, else the nearest later year (a "by 2025" goal), else the latest
-- earlier one. Count targets (annual_new_slots, affordable_institutions) belong to the region
-- itself and to that year only.
create function private.target_for(region text, metric text, yr integer)
returns table (value numeric, region_code text, year smallint, note text)
language sql
stable
security definer
set search_path = ''
as $$
  with r as (select * from public.regions where code = target_for.region),
  chain as (
    select x.code, x.pos from r, lateral (values (r.code, 0), (r.county_code, 1), (r.city_code, 2),
                                                 (r.province_code, 3), (null, 4)) as x(code, pos)
     where (x.pos = 0 or x.code is distinct from r.code)
       and (x.pos = 0 or target_for.metric not in ('annual_new_slots', 'affordable_institutions'))
       and (x.pos = 4 or x.code is not null)
  )
  select t.value, t.region_code, t.year, t.note
    from public.region_targets t
    join chain c on c.code is not distinct from t.region_code
   where t.metric::text = target_for.metric
     and (target_for.metric not in ('annual_new_slots', 'affordable_institutions') or t.year = target_for.yr)
   order by c.pos, (t.year = target_for.yr) desc, (t.year > target_for.yr) desc, abs(t.year - target_for.yr)
   limit 1
$$;
comment on function private.target_for(text, text, integer) is '某区划、指标、年度适用的目标：比例类目标本级→县→市→省→全国逐级沿用，同一区划取当年、否则最近的以后年度（“到2025年”目标）、否则最近的以前年度；数量类目标（年度新增托位任务、普惠机构数）只取本级当年';

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.institution_history enable row level security;
create policy institution_history_select_staff on public.institution_history
  for select to authenticated
  using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy institution_history_select_member on public.institution_history
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
revoke all on public.institution_history from anon;
revoke insert, update, delete, truncate on public.institution_history from authenticated;

alter table public.affordable_designations enable row level security;
create policy affordable_designations_select_staff on public.affordable_designations
  for select to authenticated
  using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy affordable_designations_select_member on public.affordable_designations
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
revoke all on public.affordable_designations from anon;
revoke insert, update, delete, truncate on public.affordable_designations from authenticated;

alter table public.residential_areas enable row level security;
create policy residential_areas_select_public on public.residential_areas
  for select to anon, authenticated using (true);
create policy residential_areas_insert_county_admin on public.residential_areas
  for insert to authenticated with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy residential_areas_update_county_admin on public.residential_areas
  for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{county_admin}'))))
  with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy residential_areas_delete_county_admin on public.residential_areas
  for delete to authenticated using (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
revoke all on public.residential_areas from anon;
grant select on public.residential_areas to anon;
revoke truncate on public.residential_areas from authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

-- 普惠认定: the county admin designates (or withdraws) with a date and a basis. The institution's
-- flag and its history follow in the same transaction.
create function public.designate_affordable(institution_id uuid, affordable boolean, designated_on date, basis text)
returns public.affordable_designations
language plpgsql
security definer
set search_path = ''
as $$
declare
  i public.institutions%rowtype;
  last_change date;
  result public.affordable_designations;
begin
  select * into i from public.institutions x where x.id = designate_affordable.institution_id for update;
  if i.id is null or not private.has_scope(i.county_code, '{county_admin}') then
    raise exception '机构不存在' using errcode = 'P0002';
  end if;
  if i.status not in ('filed', 'suspended') then
    raise exception '只能认定已备案的机构为普惠托育机构' using errcode = '22023', hint = '请先完成备案';
  end if;
  if designate_affordable.affordable is null or designate_affordable.designated_on is null then
    raise exception '请填写是否普惠和认定日期' using errcode = '22023';
  end if;
  if designate_affordable.designated_on > private.today_cn() then
    raise exception '认定日期不能晚于今天' using errcode = '22023';
  end if;
  select max(h.valid_from) into last_change from public.institution_history h where h.institution_id = i.id;
  if last_change is not null and designate_affordable.designated_on < last_change then
    raise exception '认定日期不能早于该机构最近一次登记变化（%）', last_change using errcode = '22023';
  end if;
  if coalesce(length(btrim(designate_affordable.basis)), 0) < 2 then
    raise exception '请填写认定依据（文件名称或文号）' using errcode = '22023';
  end if;
  insert into public.affordable_designations (institution_id, county_code, affordable, designated_on, basis)
  values (i.id, i.county_code, designate_affordable.affordable, designate_affordable.designated_on, btrim(designate_affordable.basis))
  returning * into result;
  perform set_config('tuoyu.affordable_designation', 'on', true);
  perform set_config('tuoyu.designated_on', designate_affordable.designated_on::text, true);
  update public.institutions x set affordable = designate_affordable.affordable where x.id = i.id;
  perform set_config('tuoyu.affordable_designation', '', true);
  perform set_config('tuoyu.designated_on', '', true);
  return result;
end;
$$;
comment on function public.designate_affordable(uuid, boolean, date, text) is '县级卫健部门认定（或取消）普惠托育机构：记录日期与依据，更新机构的普惠性质与登记时间线';

-- Every indicator for a region and year. Public figures (from the public registry, population and
-- targets) answer everyone; staff, enrolment and health-record figures only admins whose scope
-- covers the region (null for everyone else). Formulas (also in admin/src/routes/statistics/README.md):
--   as_of                    = 该年12月31日（当年则为今天）
--   institutions             = as_of 当日状态为已备案（filed）的机构数（institution_history）
--   affordable_institutions  = 其中普惠机构数
--   slots                    = 这些机构的托位数之和（托位 = 班级班额之和）
--   affordable_slots         = 普惠机构的托位数之和
--   population               = 本区划该年常住人口；无当年数据取最近以前年度，再无取最近以后年度（population_year）
--   slots_per_1000           = slots ÷ population × 1000（两位小数；人口为空或0 → 空）
--   affordable_share         = affordable_slots ÷ slots × 100%（托位为0 → 空）
--   new_slots                = slots(该年12月31日) − slots(上年12月31日)（净增，注销减少）
--   annual_task              = 本级该年度新增托位任务（region_targets.annual_new_slots）
--   task_completion          = new_slots ÷ annual_task × 100%（无任务或任务为0 → 空）
--   streets                  = 区划内街道（乡镇）数（街道本身为1）
--   streets_covered          = as_of 当日至少有1个已备案普惠机构的街道数
--   street_coverage          = streets_covered ÷ streets × 100%
--   以下按查询时的现状计算（人员、在托、健康档案和位置无历史记录；current_as_of = 今天）：
--   service_circle_coverage  = 1公里（步行约15分钟）内有已备案机构的居民点 ÷ 居民点（residential_areas）× 100%
--   certified_staff_rate     = 持保育师/育婴员/幼儿园教师资格证的保育人员和育婴教师 ÷ 保育人员和育婴教师 × 100%（已备案机构）
--   utilization_rate         = 在托儿童（placements，未离园）÷ 托位 × 100%；区划内尚无在托记录时用机构申报的在托人数（classes.enrolled），utilization_source 标明 placements / declared
--   health_record_rate       = 在托儿童中已建电子健康档案的 ÷ 在托儿童 × 100%（无在托儿童 → 空）
--   每个指标旁是目标（*_target，见 private.target_for）和是否达标（*_met：指标 ≥ 目标；任一为空 → 空）。
create function public.region_indicators(region_code text, year integer, sub_regions boolean default false)
returns table (
  code text,
  region_name text,
  region_level public.region_level,
  parent_code text,
  for_year integer,
  as_of date,
  current_as_of date,
  full_access boolean,
  population integer,
  population_year integer,
  under3_population integer,
  institutions integer,
  affordable_institutions integer,
  affordable_institutions_target numeric,
  affordable_institutions_met boolean,
  slots integer,
  slots_per_1000 numeric,
  slots_per_1000_target numeric,
  slots_per_1000_met boolean,
  affordable_slots integer,
  affordable_share numeric,
  affordable_share_target numeric,
  affordable_share_met boolean,
  slots_prev_year integer,
  new_slots integer,
  annual_task numeric,
  task_completion numeric,
  task_met boolean,
  streets integer,
  streets_covered integer,
  street_coverage numeric,
  street_coverage_target numeric,
  street_coverage_met boolean,
  residential_points integer,
  residential_points_covered integer,
  service_circle_coverage numeric,
  care_staff integer,
  certified_staff integer,
  certified_staff_rate numeric,
  certified_staff_rate_target numeric,
  certified_staff_rate_met boolean,
  enrolled integer,
  utilization_rate numeric,
  utilization_source text,
  children_placed integer,
  children_with_record integer,
  health_record_rate numeric,
  health_record_rate_target numeric,
  health_record_rate_met boolean,
  target_sources jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  reg public.regions%rowtype;
  col text;
  y integer := region_indicators.year;
  d date;
  d_prev date;
  today date := private.today_cn();
  has_full boolean;
  cap integer;
  t record;
  tgt jsonb;
  rec record;
begin
  if y is null or y < 2000 or y > 2100 then
    raise exception '年度无效：%', y using errcode = '22023', hint = '年度须在2000–2100之间';
  end if;
  select * into reg from public.regions r where r.code = region_indicators.region_code;
  if reg.code is null then
    raise exception '区划不存在：%', region_indicators.region_code using errcode = 'P0002';
  end if;
  if coalesce(region_indicators.sub_regions, false) then
    for rec in select r.code from public.regions r where r.parent_code = reg.code order by r.code loop
      return query select * from public.region_indicators(rec.code, y, false);
    end loop;
    return;
  end if;
  d := make_date(y, 12, 31);
  d_prev := make_date(y - 1, 12, 31);
  col := reg.level::text || '_code';
  has_full := private.has_scope(reg.code, '{province_admin,city_admin,county_admin}');

  code := reg.code; region_name := reg.name; region_level := reg.level; parent_code := reg.parent_code;
  for_year := y; as_of := least(d, today); current_as_of := today; full_access := has_full;

  -- population
  select p.resident_population, p.year, p.under3_population into population, population_year, under3_population
    from public.region_populations p
   where p.region_code = reg.code
   order by (p.year <= y) desc, abs(p.year - y) limit 1;

  -- registry at the end of the year and of the year before
  execute format($q$
    select count(*) filter (where h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1))::integer,
           count(*) filter (where h.affordable and h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1))::integer,
           coalesce(sum(h.slots) filter (where h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1)), 0)::integer,
           coalesce(sum(h.slots) filter (where h.affordable and h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1)), 0)::integer,
           coalesce(sum(h.slots) filter (where h.valid_from <= $2 and (h.valid_to is null or h.valid_to > $2)), 0)::integer,
           count(distinct h.street_code) filter (where h.affordable and h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $1))::integer
      from public.institution_history h
     where h.%I = $3 and h.status = 'filed' and h.valid_from <= $1 and (h.valid_to is null or h.valid_to > $2)
  $q$, col)
    into institutions, affordable_institutions, slots, affordable_slots, slots_prev_year, streets_covered
    using d, d_prev, reg.code;
  new_slots := slots - slots_prev_year;

  if reg.level = 'street' then
    streets := 1;
  else
    execute format('select count(*)::integer from public.regions r where r.%I = $1 and r.level = ''street''', col)
      into streets using reg.code;
  end if;

  execute format($q$
    select count(*)::integer,
           count(*) filter (where exists (
             select 1 from public.institutions i
              where i.status = 'filed'
                and private.earth_box_m(private.earth_point(a.lat::double precision, a.lng::double precision), 1000)
                    operator(extensions.@>) private.earth_point(i.public_lat::double precision, i.public_lng::double precision)
                and private.earth_distance_m(private.earth_point(a.lat::double precision, a.lng::double precision),
                      private.earth_point(i.public_lat::double precision, i.public_lng::double precision)) <= 1000))::integer
      from public.residential_areas a where a.%I = $1
  $q$, case when reg.level = 'street' then 'street_code' else col end)
    into residential_points, residential_points_covered using reg.code;

  if has_full then
    execute format($q$
      select count(*) filter (where s.role in ('carer', 'teacher'))::integer,
             count(*) filter (where s.role in ('carer', 'teacher')
                                and s.certificate_type in ('nursery_carer', 'infant_carer', 'kindergarten_teacher'))::integer
        from public.staff s join public.institutions i on i.id = s.institution_id
       where i.%I = $1 and i.status = 'filed'
    $q$, col) into care_staff, certified_staff using reg.code;
    execute format($q$
      select count(*)::integer, count(*) filter (where c.has_health_record)::integer
        from public.placements p
        join public.institutions i on i.id = p.institution_id
        join public.children c on c.id = p.child_id
       where i.%I = $1 and i.status = 'filed' and p.ended_on is null and p.started_on <= $2
    $q$, col) into children_placed, children_with_record using reg.code, today;
    if children_placed > 0 then
      enrolled := children_placed;
      utilization_source := 'placements';
    else
      execute format($q$
        select coalesce(sum(c.enrolled), 0)::integer
          from public.classes c join public.institutions i on i.id = c.institution_id
         where i.%I = $1 and i.status = 'filed'
      $q$, col) into enrolled using reg.code;
      utilization_source := 'declared';
    end if;
    execute format($q$
      select coalesce(sum(c.capacity), 0)::integer
        from public.classes c join public.institutions i on i.id = c.institution_id
       where i.%I = $1 and i.status = 'filed'
    $q$, col) into cap using reg.code;
    utilization_rate := case when cap > 0 then round(enrolled * 100.0 / cap, 2) end;
    certified_staff_rate := case when care_staff > 0 then round(certified_staff * 100.0 / care_staff, 2) end;
    health_record_rate := case when children_placed > 0 then round(children_with_record * 100.0 / children_placed, 2) end;
  end if;

  slots_per_1000 := case when population > 0 then round(slots * 1000.0 / population, 2) end;
  affordable_share := case when slots > 0 then round(affordable_slots * 100.0 / slots, 2) end;
  street_coverage := case when streets > 0 then round(streets_covered * 100.0 / streets, 2) end;
  service_circle_coverage := case when residential_points > 0 then round(residential_points_covered * 100.0 / residential_points, 2) end;

  tgt := '{}'::jsonb;
  for t in select m.metric, x.value, x.region_code as source_region, x.year as source_year, x.note
             from unnest(array['slots_per_1000', 'affordable_share', 'streets_with_affordable_share', 'certified_staff_rate',
                               'health_record_rate', 'annual_new_slots', 'affordable_institutions']) as m(metric)
             cross join lateral private.target_for(reg.code, m.metric, y) x loop
    tgt := tgt || jsonb_build_object(t.metric, jsonb_build_object(
      'value', t.value, 'region_code', t.source_region, 'year', t.source_year, 'note', t.note));
    case t.metric
      when 'slots_per_1000' then slots_per_1000_target := t.value;
      when 'affordable_share' then affordable_share_target := t.value;
      when 'streets_with_affordable_share' then street_coverage_target := t.value;
      when 'certified_staff_rate' then certified_staff_rate_target := t.value;
      when 'health_record_rate' then health_record_rate_target := t.value;
      when 'annual_new_slots' then annual_task := t.value;
      when 'affordable_institutions' then affordable_institutions_target := t.value;
    end case;
  end loop;
  target_sources := tgt;
  task_completion := case when annual_task > 0 then round(new_slots * 100.0 / annual_task, 2) end;
  slots_per_1000_met := slots_per_1000 >= slots_per_1000_target;
  affordable_share_met := affordable_share >= affordable_share_target;
  task_met := new_slots >= annual_task;
  street_coverage_met := street_coverage >= street_coverage_target;
  certified_staff_rate_met := certified_staff_rate >= certified_staff_rate_target;
  health_record_rate_met := health_record_rate >= health_record_rate_target;
  affordable_institutions_met := affordable_institutions >= affordable_institutions_target;
  if not has_full then
    care_staff := null; certified_staff := null; certified_staff_rate := null; certified_staff_rate_met := null;
    enrolled := null; utilization_rate := null; utilization_source := null;
    children_placed := null; children_with_record := null; health_record_rate := null; health_record_rate_met := null;
  end if;
  return next;
end;
$$;
comment on function public.region_indicators(text, integer, boolean) is
'区划年度指标（sub_regions = true 时返回每个下级区划一行）。公开指标（任何人可读）：人口、机构数、普惠机构数、托位数、千人托位数 = 托位 ÷ 常住人口 × 1000、普惠托位占比 = 普惠机构托位 ÷ 托位、新增托位 = 年末托位 − 上年末托位、任务完成率 = 新增托位 ÷ 年度任务、街道覆盖率 = 有已备案普惠机构的街道 ÷ 街道数、15分钟服务圈覆盖率 = 1公里内有已备案机构的居民点 ÷ 居民点；仅管辖该区划的省/市/县管理员可读（其他人为空）：持证上岗率 = 持保育师/育婴员/幼儿园教师资格证的保育人员和育婴教师 ÷ 保育人员和育婴教师、托位使用率 = 在托儿童（无在托记录时为申报在托人数，见 utilization_source）÷ 托位、电子健康档案建档率 = 已建档在托儿童 ÷ 在托儿童。分母为0或缺数据时为空。托位类指标按该年12月31日的登记时间线（institution_history）计算，人员、在托、档案和服务圈按今天的现状。目标见 private.target_for，*_met = 指标 ≥ 目标。';

-- =============================================================================================
-- Grants
-- =============================================================================================

revoke execute on function public.designate_affordable(uuid, boolean, date, text) from public, anon;
grant execute on function public.designate_affordable(uuid, boolean, date, text) to authenticated, service_role;
revoke execute on function public.region_indicators(text, integer, boolean) from public;
grant execute on function public.region_indicators(text, integer, boolean) to anon, authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function private.today_cn() to anon, authenticated, service_role;
