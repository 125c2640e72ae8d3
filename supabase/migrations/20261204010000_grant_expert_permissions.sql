-- Experts with an account (指导专家, issue 14 §3) see 专家咨询 in the admin: get_my_permissions()
-- derives the role `expert` from public.experts.user_id, as it derives `operator` from memberships.
-- RLS (private.can_manage_expert) already limits them to their own slots and bookings.

alter table private.role_permissions drop constraint role_permissions_role_check;
alter table private.role_permissions add constraint role_permissions_role_check
  check (role in ('province_admin', 'city_admin', 'county_admin', 'inspector', 'community_worker', 'operator', 'expert',
                  'authenticated'));
comment on table private.role_permissions is '角色的界面权限（菜单与按钮）；operator 指机构成员，expert 指有账号的指导专家，authenticated 指任何已登录用户';

insert into private.role_permissions (role, permission) values ('expert', 'consultation.manage') on conflict do nothing;

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
    -- an expert with an account (public.experts.user_id) manages their own consultation slots
    union all select 'expert' where exists (select 1 from public.experts e, me where e.user_id = me.uid)
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
