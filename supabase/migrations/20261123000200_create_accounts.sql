-- =============================================================================================
-- 账号与角色 Accounts, roles and region scopes
--   profiles       one row per auth user (created by a trigger on auth.users)
--   staff_scopes   (user, region, role): province_admin | city_admin | county_admin | inspector |
--                  community_worker. Families are plain authenticated users without scopes.
--   private.*      the scope helpers every policy calls, once per statement
-- Only an admin of a higher rank whose scope contains the target region (or the service role)
-- grants or revokes scopes; nobody grants themselves anything.
--
-- Scope helpers: each answers one question about the caller (auth.uid()) and takes the roles
-- that count, so a policy says who it lets in:
--   private.scope_codes(roles)        the region codes of my own scopes, not expanded
--   private.counties_in_scope(roles)  the counties at or below my scopes
--   private.regions_in_scope(roles)   every region code at or below my scopes
--   private.has_scope(region, roles)  is this region at or below one of my scopes?
--   private.is_staff()                do I have any scope at all?
-- Rows that carry county_code, city_code and province_code are matched against scope_codes() per
-- level (codes of different levels never collide, the array stays tiny, each column is indexed).
-- Helpers are PL/pgSQL (plans cached per connection; `pnpm bench` measured security-definer SQL
-- functions re-planned on every call) and policies call them as `= any (array(select …))`.
-- =============================================================================================

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.staff_role as enum ('province_admin', 'city_admin', 'county_admin', 'inspector', 'community_worker');
comment on type public.staff_role is '工作人员角色：province_admin 省级管理员 / city_admin 市级管理员 / county_admin 县级管理员（卫健局） / inspector 检查员 / community_worker 社区工作者';

-- =============================================================================================
-- Tables
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

-- Staff scopes -----------------------------------------------------------------------------------
create table public.staff_scopes (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  region_code text not null references public.regions (code),
  role public.staff_role not null,
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

-- =============================================================================================
-- Triggers
-- =============================================================================================

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

-- A role belongs to a region level (a county admin is scoped to a county, …).
create function private.check_staff_scope() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  region_level public.region_level;
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
      using errcode = '23514', hint = '省级管理员对应省，市级对应市，县级对应县（区），社区工作者对应街道（乡镇）或县（区）';
  end if;
  return new;
end;
$$;
create trigger staff_scopes_check before insert or update on public.staff_scopes
  for each row execute function private.check_staff_scope();

-- =============================================================================================
-- Helpers (security definer: they read staff_scopes without recursing into its policies)
-- =============================================================================================

-- Rank of a role: an admin manages only roles of a lower rank.
create function private.role_rank(role public.staff_role) returns integer
language sql
immutable
set search_path = ''
as $$
  select case role
    when 'province_admin' then 5 when 'city_admin' then 4 when 'county_admin' then 3
    when 'inspector' then 2 when 'community_worker' then 1 else 0 end
$$;
comment on function private.role_rank(public.staff_role) is '角色级别（管理员只能授予/撤销更低级别的角色）';

create function private.scope_codes(roles public.staff_role[]) returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select s.region_code from public.staff_scopes s
     where s.user_id = (select auth.uid()) and s.role = any (roles);
end;
$$;
comment on function private.scope_codes(public.staff_role[]) is '当前用户以指定角色获授权的区划代码（本级，不展开下级）；与行的 county_code/city_code/province_code 逐级比对';

create function private.counties_in_scope(roles public.staff_role[]) returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select r.code from public.staff_scopes s
      join public.regions r on r.level = 'county' and r.code = s.region_code
     where s.user_id = (select auth.uid()) and s.role = any (roles)
    union
    select r.code from public.staff_scopes s
      join public.regions r on r.level = 'county' and r.city_code = s.region_code
     where s.user_id = (select auth.uid()) and s.role = any (roles)
    union
    select r.code from public.staff_scopes s
      join public.regions r on r.level = 'county' and r.province_code = s.region_code
     where s.user_id = (select auth.uid()) and s.role = any (roles);
end;
$$;
comment on function private.counties_in_scope(public.staff_role[]) is '当前用户以指定角色管辖的县级区划代码（省、市授权展开到所辖县区）';

create function private.regions_in_scope(roles public.staff_role[]) returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    with s as (
      select x.region_code from public.staff_scopes x
       where x.user_id = (select auth.uid()) and x.role = any (roles)
    )
    select r.code from public.regions r where r.code in (select region_code from s)
    union
    select r.code from public.regions r where r.province_code in (select region_code from s)
    union
    select r.code from public.regions r where r.city_code in (select region_code from s)
    union
    select r.code from public.regions r where r.county_code in (select region_code from s);
end;
$$;
comment on function private.regions_in_scope(public.staff_role[]) is '当前用户以指定角色管辖的全部区划代码（本级及所有下级：市、县区、街道）';

create function private.has_scope(region text, roles public.staff_role[]) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1
      from public.staff_scopes s
      join public.regions r on r.code = has_scope.region
     where s.user_id = (select auth.uid())
       and s.role = any (has_scope.roles)
       and s.region_code in (r.code, r.province_code, r.city_code, r.county_code)
  );
end;
$$;
comment on function private.has_scope(text, public.staff_role[]) is '该区划是否在当前用户以指定角色获授权的范围内（本级或上级授权）';

create function private.is_staff() returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.staff_scopes s where s.user_id = (select auth.uid()));
end;
$$;
comment on function private.is_staff() is '当前用户是否有任何工作人员授权（有授权的人不以机构身份登记机构）';

-- May the caller grant or revoke (target user, region, role)? Never for oneself.
create function private.can_manage_scope(target_user uuid, region text, target_role public.staff_role) returns boolean
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
comment on function private.can_manage_scope(uuid, text, public.staff_role) is '当前用户能否为他人授予/撤销该范围角色（只能授予更低级别、且在本人管辖范围内）';

-- =============================================================================================
-- Policies
-- =============================================================================================

-- Profiles: oneself; admins see the staff and operators of their regions (profiles_select_admin,
-- 20261123000300, once institution_members exists).
alter table public.profiles enable row level security;
create policy profiles_select_self on public.profiles
  for select to authenticated using (id = (select auth.uid()));
create policy profiles_update_self on public.profiles
  for update to authenticated using (id = (select auth.uid())) with check (id = (select auth.uid()));
revoke all on public.profiles from anon;
revoke insert, delete, truncate on public.profiles from authenticated;

alter table public.staff_scopes enable row level security;
create policy staff_scopes_select_self on public.staff_scopes
  for select to authenticated using (user_id = (select auth.uid()));
create policy staff_scopes_select_admin on public.staff_scopes
  for select to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy staff_scopes_insert_admin on public.staff_scopes
  for insert to authenticated
  with check (granted_by = (select auth.uid()) and private.can_manage_scope(user_id, region_code, role));
create policy staff_scopes_delete_admin on public.staff_scopes
  for delete to authenticated using (private.can_manage_scope(user_id, region_code, role));
revoke all on public.staff_scopes from anon;
revoke update, truncate on public.staff_scopes from authenticated;

-- Population and targets: the responsible admins write.
create policy region_populations_insert_admin on public.region_populations
  for insert to authenticated
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy region_populations_update_admin on public.region_populations
  for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy region_populations_delete_admin on public.region_populations
  for delete to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy region_targets_insert_admin on public.region_targets
  for insert to authenticated
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy region_targets_update_admin on public.region_targets
  for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy region_targets_delete_admin on public.region_targets
  for delete to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));

-- Grants for helpers the policies call ----------------------------------------------------------
revoke execute on all functions in schema private from public;
grant execute on function
  private.role_rank(public.staff_role),
  private.scope_codes(public.staff_role[]),
  private.counties_in_scope(public.staff_role[]),
  private.regions_in_scope(public.staff_role[]),
  private.has_scope(text, public.staff_role[]),
  private.is_staff(),
  private.can_manage_scope(uuid, text, public.staff_role)
  to authenticated, service_role;
