-- =============================================================================================
-- 行政区划与区域指标 Regions, population and targets
--   regions            province → city → county → street, 12-digit statistical codes (public; the
--                      rows: 20261123000150_load_regions)
--   region_populations 常住人口 / 3岁以下人口 per region and year (editable by the responsible admin)
--   region_targets     区域目标 (千人托位数、普惠占比 …) per region, metric and year
-- Also the ground the later migrations stand on: extensions, the private schema, the shared
-- updated_at trigger and the API role's session settings.
-- Write policies for population and targets need the staff scopes: see 20261123000200.
-- =============================================================================================

-- Extensions (Supabase keeps them in schema extensions) ---------------------------------------
create extension if not exists cube with schema extensions;
create extension if not exists earthdistance with schema extensions;

-- Private schema for helpers: not exposed through the API; the API roles may call what is granted.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to anon, authenticated, service_role;
-- Functions are executable by PUBLIC by default: every migration ends with
-- `revoke execute on all functions in schema private from public` and grants what policies call.

-- API session settings ---------------------------------------------------------------------------
-- API queries are short; JIT compilation costs more than it saves. `pnpm bench` measured the city
-- overview under RLS crossing jit_above_cost and compiling on every call (3.85× the service role
-- with JIT, 1.32× without). PostgREST logs in as `authenticator`, so its sessions take this
-- setting; the local stack sets the same on its connections.
alter role authenticator set jit = off;

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.region_level as enum ('province', 'city', 'county', 'street');
comment on type public.region_level is '区划层级：province 省 / city 市 / county 县（区） / street 街道（乡镇）';

create type public.target_metric as enum (
  'slots_per_1000', 'affordable_share', 'streets_with_affordable_share',
  'certified_staff_rate', 'health_record_rate', 'annual_new_slots');
comment on type public.target_metric is '区域目标指标：slots_per_1000 千人托位数 / affordable_share 普惠托位占比% / streets_with_affordable_share 有普惠机构的街道占比% / certified_staff_rate 持证上岗率% / health_record_rate 电子健康档案建档率% / annual_new_slots 年度新增托位任务（个）';

-- =============================================================================================
-- Tables
-- =============================================================================================

-- Regions --------------------------------------------------------------------------------------
create table public.regions (
  code text primary key check (code ~ '^\d{12}$'),
  parent_code text references public.regions (code),
  level public.region_level not null,
  name text not null check (length(name) between 1 and 64),
  province_code text generated always as (substr(code, 1, 2) || '0000000000') stored,
  city_code text generated always as (
    case when level <> 'province' then substr(code, 1, 4) || '00000000' end) stored,
  county_code text generated always as (
    case when level in ('county', 'street') then substr(code, 1, 6) || '000000' end) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint regions_level_code_check check (
    (level = 'province' and code ~ '^\d{2}0{10}$' and parent_code is null)
    or (level = 'city' and code ~ '^\d{4}0{8}$' and parent_code = substr(code, 1, 2) || '0000000000')
    or (level = 'county' and code ~ '^\d{6}0{6}$' and parent_code = substr(code, 1, 4) || '00000000')
    or (level = 'street' and code ~ '^\d{9}000$' and parent_code = substr(code, 1, 6) || '000000')
  )
);
comment on table public.regions is '行政区划（省/市/县（区）/街道（乡镇）），12位统计用区划代码；数据来自国家统计局统计用区划代码';
comment on column public.regions.code is '统计用区划代码（12位）';
comment on column public.regions.parent_code is '上级区划代码';
comment on column public.regions.level is '层级：province 省 / city 市 / county 县（区） / street 街道（乡镇）';
comment on column public.regions.name is '区划名称';
comment on column public.regions.province_code is '所属省级代码（由代码推导）';
comment on column public.regions.city_code is '所属市级代码（由代码推导，省级为空）';
comment on column public.regions.county_code is '所属县级代码（由代码推导，省市级为空）';
comment on column public.regions.created_at is '创建时间';
comment on column public.regions.updated_at is '更新时间';

create index regions_parent_code_idx on public.regions (parent_code);
create index regions_level_idx on public.regions (level);
create index regions_province_code_idx on public.regions (province_code);
create index regions_city_code_idx on public.regions (city_code);
create index regions_county_code_idx on public.regions (county_code);
-- Counties of a city / province: the scope helpers expand a city or province scope to its counties.
create index regions_county_city_code_idx on public.regions (city_code) where level = 'county';
create index regions_county_province_code_idx on public.regions (province_code) where level = 'county';

-- Population per region and year ---------------------------------------------------------------
create table public.region_populations (
  region_code text not null references public.regions (code) on delete cascade,
  year smallint not null check (year between 2000 and 2100),
  resident_population integer not null check (resident_population >= 0),
  under3_population integer check (under3_population >= 0),
  source text not null check (length(source) between 1 and 200),
  updated_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (region_code, year),
  constraint region_populations_under3_check check (under3_population is null or under3_population <= resident_population)
);
comment on table public.region_populations is '区域人口（常住人口、3岁以下婴幼儿数），用于千人托位数等指标';
comment on column public.region_populations.region_code is '区划代码';
comment on column public.region_populations.year is '统计年度';
comment on column public.region_populations.resident_population is '常住人口（人）';
comment on column public.region_populations.under3_population is '3岁以下婴幼儿数（人）';
comment on column public.region_populations.source is '数据来源（如 统计公报、卫健统计）';
comment on column public.region_populations.updated_by is '最后修改人';
comment on column public.region_populations.created_at is '创建时间';
comment on column public.region_populations.updated_at is '更新时间';
create index region_populations_updated_by_idx on public.region_populations (updated_by);

-- Targets per region, metric and year -------------------------------------------------------------
create table public.region_targets (
  id bigint generated always as identity primary key,
  region_code text not null references public.regions (code) on delete cascade,
  metric public.target_metric not null,
  year smallint not null check (year between 2000 and 2100),
  value numeric(12, 2) not null check (value >= 0),
  note text check (length(note) <= 500),
  updated_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint region_targets_unique unique (region_code, metric, year),
  constraint region_targets_percent_check check (
    metric in ('slots_per_1000', 'annual_new_slots') or value <= 100)
);
comment on table public.region_targets is '区域目标：千人托位数、普惠托位占比、街道普惠覆盖率、持证上岗率、电子健康档案建档率、年度新增托位任务';
comment on column public.region_targets.id is '主键';
comment on column public.region_targets.region_code is '区划代码';
comment on column public.region_targets.metric is '指标：slots_per_1000 千人托位数 / affordable_share 普惠托位占比% / streets_with_affordable_share 有普惠机构的街道占比% / certified_staff_rate 持证上岗率% / health_record_rate 电子健康档案建档率% / annual_new_slots 年度新增托位任务（个）';
comment on column public.region_targets.year is '目标年度';
comment on column public.region_targets.value is '目标值（百分比指标以0–100计）';
comment on column public.region_targets.note is '备注（如 文件依据）';
comment on column public.region_targets.updated_by is '最后修改人';
comment on column public.region_targets.created_at is '创建时间';
comment on column public.region_targets.updated_at is '更新时间';
create index region_targets_updated_by_idx on public.region_targets (updated_by);

-- =============================================================================================
-- Triggers
-- =============================================================================================

-- Shared trigger function: updated_at (every table with an updated_at column uses it).
create function private.touch_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger regions_touch_updated_at before update on public.regions
  for each row execute function private.touch_updated_at();
create trigger region_populations_touch_updated_at before update on public.region_populations
  for each row execute function private.touch_updated_at();
create trigger region_targets_touch_updated_at before update on public.region_targets
  for each row execute function private.touch_updated_at();

-- =============================================================================================
-- Policies (reads are public; writes: 20261123000200)
-- =============================================================================================

alter table public.regions enable row level security;
create policy regions_select_public on public.regions for select to anon, authenticated using (true);
revoke insert, update, delete, truncate on public.regions from anon, authenticated;

alter table public.region_populations enable row level security;
create policy region_populations_select_public on public.region_populations
  for select to anon, authenticated using (true);

alter table public.region_targets enable row level security;
create policy region_targets_select_public on public.region_targets
  for select to anon, authenticated using (true);

revoke truncate on public.region_populations, public.region_targets from anon, authenticated;
revoke all on public.region_populations, public.region_targets from anon;
grant select on public.region_populations, public.region_targets to anon;

revoke execute on all functions in schema private from public;
