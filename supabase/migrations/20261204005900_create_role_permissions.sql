-- Role → permission grants as data, so each feature's migration adds its own rows
-- (`insert into private.role_permissions … on conflict do nothing`) instead of redefining
-- get_my_permissions(). The UI shows menus and buttons from these names; RLS and the RPCs remain
-- the authority for what a person may really do.

create table private.role_permissions (
  role text not null check (role in ('province_admin', 'city_admin', 'county_admin', 'inspector',
                                     'community_worker', 'operator', 'authenticated')),
  permission text not null check (permission ~ '^[a-z_]+(\.[a-z_]+)+$'),
  primary key (role, permission)
);
comment on table private.role_permissions is '角色的界面权限（菜单与按钮）；operator 指机构成员，authenticated 指任何已登录用户';
revoke all on private.role_permissions from public, anon, authenticated;
grant select on private.role_permissions to service_role;

insert into private.role_permissions (role, permission) values
  ('province_admin', 'institution.view_region'), ('province_admin', 'filing.view_region'),
  ('province_admin', 'region.population.edit'), ('province_admin', 'region.target.edit'),
  ('province_admin', 'scope.manage'), ('province_admin', 'stats.overview'), ('province_admin', 'audit.view'),
  ('city_admin', 'institution.view_region'), ('city_admin', 'filing.view_region'),
  ('city_admin', 'region.population.edit'), ('city_admin', 'region.target.edit'),
  ('city_admin', 'scope.manage'), ('city_admin', 'stats.overview'), ('city_admin', 'audit.view'),
  ('county_admin', 'institution.view_region'), ('county_admin', 'institution.edit'),
  ('county_admin', 'filing.view_region'), ('county_admin', 'filing.review'),
  ('county_admin', 'filing_document.view'),
  ('county_admin', 'region.population.edit'), ('county_admin', 'region.target.edit'),
  ('county_admin', 'scope.manage'), ('county_admin', 'stats.overview'), ('county_admin', 'audit.view'),
  ('inspector', 'institution.view_region'), ('inspector', 'inspection.record'),
  ('community_worker', 'event.manage'),
  ('operator', 'institution.edit'), ('operator', 'class.manage'), ('operator', 'staff.manage'),
  ('operator', 'filing.create'), ('operator', 'filing.submit'), ('operator', 'filing_document.upload'),
  ('operator', 'filing_document.view'),
  ('authenticated', 'institution.create'), ('authenticated', 'profile.edit')
on conflict do nothing;

-- security definer: reads only the caller's own rows (auth.uid()), also answers anon (empty lists).
create or replace function public.get_my_permissions() returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with me as (select (select auth.uid()) as uid),
  scopes as (
    select s.role::text as role, s.region_code, r.name as region_name, r.level
      from public.staff_scopes s join public.regions r on r.code = s.region_code, me
     where s.user_id = me.uid
  ),
  memberships as (
    select m.institution_id, m.member_role, i.name, i.county_code, i.status
      from public.institution_members m join public.institutions i on i.id = m.institution_id, me
     where m.user_id = me.uid
  ),
  my_roles as (
    select distinct role from scopes
    union all select 'operator' where exists (select 1 from memberships)
  )
  select jsonb_build_object(
    'user_id', (select uid from me),
    'roles', coalesce((select jsonb_agg(role order by role collate "C") from my_roles), '[]'::jsonb),
    'scopes', coalesce((select jsonb_agg(jsonb_build_object(
        'role', role, 'region_code', region_code, 'region_name', region_name, 'level', level)
        order by region_code, role) from scopes), '[]'::jsonb),
    'institution_ids', coalesce((select jsonb_agg(institution_id order by name) from memberships), '[]'::jsonb),
    'institutions', coalesce((select jsonb_agg(jsonb_build_object(
        'id', institution_id, 'name', name, 'member_role', member_role, 'county_code', county_code, 'status', status)
        order by name) from memberships), '[]'::jsonb),
    'permissions', coalesce((select jsonb_agg(distinct g.permission collate "C" order by g.permission collate "C")
        from private.role_permissions g
       where (select uid from me) is not null
         and (g.role = 'authenticated' or g.role in (select role from my_roles))
         -- a person with a staff scope does not register institutions as an operator
         and not (g.role = 'authenticated' and g.permission = 'institution.create' and exists (select 1 from scopes))
    ), '[]'::jsonb)
  )
$$;
