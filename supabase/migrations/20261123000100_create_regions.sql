-- 行政区划 regions: province → city → county → street, 12-digit statistical codes.
-- Public reference data: everybody may read; only the service role writes (loaded from a dataset).

create table public.regions (
  code text primary key check (code ~ '^\d{12}$'),
  parent_code text references public.regions (code),
  level text not null check (level in ('province', 'city', 'county', 'street')),
  name text not null check (length(name) between 1 and 64),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.regions is '行政区划（省/市/县区/街道乡镇），12位统计用区划代码';
comment on column public.regions.code is '统计用区划代码（12位）';
comment on column public.regions.parent_code is '上级区划代码';
comment on column public.regions.level is '层级：province 省 / city 市 / county 县区 / street 街道乡镇';
comment on column public.regions.name is '区划名称';
comment on column public.regions.created_at is '创建时间';
comment on column public.regions.updated_at is '更新时间';

create index regions_parent_code_idx on public.regions (parent_code);
create index regions_level_idx on public.regions (level);

alter table public.regions enable row level security;

create policy regions_select_public on public.regions
  for select to anon, authenticated
  using (true);

revoke insert, update, delete, truncate on public.regions from anon, authenticated;
