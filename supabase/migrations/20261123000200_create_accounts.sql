-- =============================================================================================
-- 账号与角色 Accounts, roles and region scopes
--   profiles       one row per auth user (created by a trigger on auth.users)
--   staff_scopes   (user, region, role): province_admin | city_admin | county_admin | inspector |
--                  community_worker. Families are plain authenticated users without scopes.
--   private.*      security-definer helpers the policies call once per statement
--   get_my_permissions()  what the caller may do, for the apps' menus and buttons
-- Only an admin of a higher rank whose scope contains the target region (or the service role)
-- grants or revokes scopes; nobody grants themselves anything.
-- =============================================================================================

-- Profiles -------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text not null default '' check (length(display_name) <= 64),
  phone text check (phone ~ '^\+?[0-9-]{5,20}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is '用户资料（与 auth.users 一一对应）';
comment on column public.profiles.id is '用户ID（auth.users.id）';
comment on column public.profiles.display_name is '显示名称';
comment on column public.profiles.phone is '联系电话';
comment on column public.profiles.created_at is '创建时间';
comment on column public.profiles.updated_at is '更新时间';
create trigger profiles_touch_updated_at before update on public.profiles
  for each row execute function private.touch_updated_at();

create function private.handle_new_user() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, display_name)
  values (
    new.id,
    left(coalesce(new.raw_user_meta_data ->> 'display_name', new.raw_user_meta_data ->> 'name',
                  split_part(coalesce(new.email, ''), '@', 1), ''), 64)
  )
  on conflict (id) do nothing;
  return new;
end;
$$;
comment on function private.handle_new_user() is '新用户注册时创建 profiles 行';
create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.handle_new_user();

-- Staff scopes -----------------------------------------------------------------------------------
create table public.staff_scopes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  region_code text not null references public.regions (code),
  role text not null check (role in ('province_admin', 'city_admin', 'county_admin', 'inspector', 'community_worker')),
  granted_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  constraint staff_scopes_unique unique (user_id, region_code, role)
);
comment on table public.staff_scopes is '工作人员管辖范围：用户在某区划内的角色（省/市/县管理员、检查员、社区工作者）';
comment on column public.staff_scopes.id is '主键';
comment on column public.staff_scopes.user_id is '用户ID';
comment on column public.staff_scopes.region_code is '管辖区划代码';
comment on column public.staff_scopes.role is '角色：province_admin 省级管理员 / city_admin 市级管理员 / county_admin 县级管理员（卫健局） / inspector 检查员 / community_worker 社区工作者';
comment on column public.staff_scopes.granted_by is '授权人';
comment on column public.staff_scopes.created_at is '授权时间';
create index staff_scopes_region_code_idx on public.staff_scopes (region_code);
create index staff_scopes_granted_by_idx on public.staff_scopes (granted_by);
create index staff_scopes_user_id_role_idx on public.staff_scopes (user_id, role);

-- Rank of a role: an admin manages only roles of a lower rank.
create function private.role_rank(role text) returns integer
language sql
immutable
set search_path = ''
as $$
  select case role
    when 'province_admin' then 5 when 'city_admin' then 4 when 'county_admin' then 3
    when 'inspector' then 2 when 'community_worker' then 1 else 0 end
$$;

-- A role belongs to a region level (a county admin is scoped to a county, …).
create function private.check_staff_scope() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  region_level text;
begin
  select r.level into region_level from public.regions r where r.code = new.region_code;
  if region_level is null then
    raise exception '区划代码不存在：%', new.region_code using errcode = '23503';
  end if;
  if not (
    (new.role = 'province_admin' and region_level = 'province')
    or (new.role = 'city_admin' and region_level = 'city')
    or (new.role = 'county_admin' and region_level = 'county')
    or (new.role = 'inspector' and region_level in ('province', 'city', 'county'))
    or (new.role = 'community_worker' and region_level in ('county', 'street'))
  ) then
    raise exception '角色 % 不能设在%级区划（%）', new.role, region_level, new.region_code
      using errcode = '23514', hint = '省级管理员对应省，市级对应市，县级对应县区，社区工作者对应街道或县区';
  end if;
  return new;
end;
$$;
create trigger staff_scopes_check before insert or update on public.staff_scopes
  for each row execute function private.check_staff_scope();

-- Helpers (security definer: they read staff_scopes without recursing into its policies) --------

-- Region codes at or below the caller's scopes (optionally only scopes with the given roles).
create function private.visible_region_codes(roles text[] default null) returns setof text
language sql
stable
security definer
set search_path = ''
as $$
  with s as (
    select region_code from public.staff_scopes
     where user_id = (select auth.uid()) and (roles is null or role = any (roles))
  )
  select r.code from public.regions r where r.code in (select region_code from s)
  union
  select r.code from public.regions r where r.province_code in (select region_code from s)
  union
  select r.code from public.regions r where r.city_code in (select region_code from s)
  union
  select r.code from public.regions r where r.county_code in (select region_code from s)
$$;
comment on function private.visible_region_codes(text[]) is '当前用户管辖范围内（含下级）的全部区划代码';

-- County codes covered by the caller's scopes with the given roles (county-level data is keyed by county).
create function private.county_codes_for(roles text[]) returns setof text
language sql
stable
security definer
set search_path = ''
as $$
  with s as (
    select region_code from public.staff_scopes
     where user_id = (select auth.uid()) and role = any (roles)
  )
  select r.code from public.regions r where r.level = 'county' and r.code in (select region_code from s)
  union
  select r.code from public.regions r where r.level = 'county' and r.city_code in (select region_code from s)
  union
  select r.code from public.regions r where r.level = 'county' and r.province_code in (select region_code from s)
$$;
comment on function private.county_codes_for(text[]) is '当前用户以指定角色管辖的县级区划代码';

-- Counties whose private data the caller may read (admins and inspectors).
create function private.readable_county_codes() returns setof text
language sql
stable
security definer
set search_path = ''
as $$ select private.county_codes_for(array['province_admin', 'city_admin', 'county_admin', 'inspector']) $$;

-- The caller's own scope codes (any level, not expanded) for reading private data. Policies match
-- them against a row's county_code, city_code and province_code: codes of different levels never
-- collide, the arrays stay tiny (one element for most people), and each column has an index.
create function private.readable_scope_codes() returns setof text
language sql
stable
security definer
set search_path = ''
as $$
  select region_code from public.staff_scopes
   where user_id = (select auth.uid())
     and role in ('province_admin', 'city_admin', 'county_admin', 'inspector')
$$;
comment on function private.readable_scope_codes() is '当前用户（管理员、检查员）的授权区划代码（不展开下级）';

-- Counties the caller administers as county health bureau (写：审核备案、维护机构).
create function private.managed_county_codes() returns setof text
language sql
stable
security definer
set search_path = ''
as $$ select private.county_codes_for(array['county_admin']) $$;

-- Region codes (with everything below) the caller administers as province/city/county admin.
create function private.admin_region_codes() returns setof text
language sql
stable
security definer
set search_path = ''
as $$ select private.visible_region_codes(array['province_admin', 'city_admin', 'county_admin']) $$;

-- Is the region (or anything above it) in the caller's scopes, with one of the roles?
create function private.is_staff_of(region text, roles text[] default null) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
      from public.staff_scopes s
      join public.regions r on r.code = region
     where s.user_id = (select auth.uid())
       and (roles is null or s.role = any (roles))
       and s.region_code in (r.code, r.province_code, r.city_code, r.county_code)
  )
$$;
comment on function private.is_staff_of(text, text[]) is '当前用户是否管辖该区划（含上级授权）';

-- May the caller grant or revoke (target user, region, role)? Never for oneself.
create function private.can_manage_scope(target_user uuid, region text, target_role text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select target_user is distinct from (select auth.uid())
     and exists (
       select 1
         from public.staff_scopes g
         join public.regions r on r.code = region
        where g.user_id = (select auth.uid())
          and g.role in ('province_admin', 'city_admin', 'county_admin')
          and private.role_rank(g.role) > private.role_rank(target_role)
          and g.region_code in (r.code, r.province_code, r.city_code, r.county_code)
     )
$$;
comment on function private.can_manage_scope(uuid, text, text) is '当前用户能否为他人授予/撤销该范围角色（只能授予更低级别、且在本人管辖范围内）';

-- Users whose profiles an admin may see: staff within the admin's regions (extended later with operators).
create function private.visible_profile_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select s.user_id from public.staff_scopes s
   where s.region_code = any (array(select private.admin_region_codes()))
$$;

-- Policies: profiles -----------------------------------------------------------------------------
alter table public.profiles enable row level security;
create policy profiles_select_self on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy profiles_select_admin on public.profiles
  for select to authenticated using (id = any (array(select private.visible_profile_ids())));
create policy profiles_update_self on public.profiles
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));
revoke all on public.profiles from anon;
revoke insert, delete, truncate on public.profiles from authenticated;

-- Policies: staff_scopes -------------------------------------------------------------------------
alter table public.staff_scopes enable row level security;
create policy staff_scopes_select_self on public.staff_scopes
  for select to authenticated using (user_id = (select auth.uid()));
create policy staff_scopes_select_admin on public.staff_scopes
  for select to authenticated using (region_code = any (array(select private.admin_region_codes())));
create policy staff_scopes_insert_admin on public.staff_scopes
  for insert to authenticated
  with check (granted_by = (select auth.uid()) and private.can_manage_scope(user_id, region_code, role));
create policy staff_scopes_delete_admin on public.staff_scopes
  for delete to authenticated using (private.can_manage_scope(user_id, region_code, role));
revoke all on public.staff_scopes from anon;
revoke update, truncate on public.staff_scopes from authenticated;

-- Policies: population and targets (the responsible admins write) ------------------------------
create policy region_populations_insert_admin on public.region_populations
  for insert to authenticated with check (region_code = any (array(select private.admin_region_codes())));
create policy region_populations_update_admin on public.region_populations
  for update to authenticated
  using (region_code = any (array(select private.admin_region_codes())))
  with check (region_code = any (array(select private.admin_region_codes())));
create policy region_populations_delete_admin on public.region_populations
  for delete to authenticated using (region_code = any (array(select private.admin_region_codes())));
create policy region_targets_insert_admin on public.region_targets
  for insert to authenticated with check (region_code = any (array(select private.admin_region_codes())));
create policy region_targets_update_admin on public.region_targets
  for update to authenticated
  using (region_code = any (array(select private.admin_region_codes())))
  with check (region_code = any (array(select private.admin_region_codes())));
create policy region_targets_delete_admin on public.region_targets
  for delete to authenticated using (region_code = any (array(select private.admin_region_codes())));

-- Grants for helpers the policies call ----------------------------------------------------------
revoke execute on all functions in schema private from public;
grant execute on function
  private.role_rank(text),
  private.visible_region_codes(text[]),
  private.county_codes_for(text[]),
  private.readable_county_codes(),
  private.readable_scope_codes(),
  private.managed_county_codes(),
  private.admin_region_codes(),
  private.is_staff_of(text, text[]),
  private.can_manage_scope(uuid, text, text),
  private.visible_profile_ids()
  to authenticated, service_role;
