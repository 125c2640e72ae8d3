-- =============================================================================================
-- 账号与权限 Account management (issue 13 §1, and the classes part of §2)
--   Invitations     resend (a new one-time code, the old one stops working), revoke, and a preview
--                   by code for the accept page (anon: the code is the secret)
--   Members         owners (and the county admin) list and remove their institution's accounts;
--                   staff members manage nothing
--   Scopes          granted by the level directly above: province → city admins, city → county
--                   admins, county (or above) → inspectors and community workers; granted to an
--                   existing account by its e-mail or mobile; every statement re-reads the scopes,
--                   so a revocation holds from the next request on
--   Classes         the classes of a filed (or suspended) institution change through a change
--                   filing: an operator may no longer add, remove or resize them directly
-- All writes land in the audit log (institution_invitations, institution_members and staff_scopes
-- carry audit triggers since their migrations).
-- =============================================================================================

-- =============================================================================================
-- Classes of a filed institution (filed fields, issue 13 §2)
-- =============================================================================================

-- The change-filing approval writes the classes one trigger level down
-- (filings_after_decision → apply_filing_changes), which no client statement reaches; the county
-- admin may correct them. What the operator still keeps current: enrolled and carers.
create function private.classes_guard_filed() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  inst public.institutions%rowtype;
  changed text[];
begin
  if not private.is_api_user() or pg_trigger_depth() > 1 then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  select * into inst from public.institutions i
   where i.id = case when tg_op = 'DELETE' then old.institution_id else new.institution_id end;
  if inst.status is null or inst.status not in ('filed', 'suspended') or private.has_scope(inst.county_code, '{county_admin}') then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  if tg_op = 'INSERT' then
    raise exception '已备案机构增设班级须通过变更备案' using errcode = '42501',
      hint = '请发起变更备案，经县级卫健部门审核通过后生效';
  elsif tg_op = 'DELETE' then
    raise exception '已备案机构撤销班级须通过变更备案' using errcode = '42501',
      hint = '请发起变更备案，经县级卫健部门审核通过后生效';
  end if;
  changed := array_remove(array[
    case when new.name is distinct from old.name then '班级名称' end,
    case when new.class_type is distinct from old.class_type then '班型' end,
    case when (new.min_age_months, new.max_age_months) is distinct from (old.min_age_months, old.max_age_months) then '月龄范围' end,
    case when new.capacity is distinct from old.capacity then '托位数' end], null);
  if cardinality(changed) > 0 then
    raise exception '已备案机构的%须通过变更备案修改', array_to_string(changed, '、') using errcode = '42501',
      hint = '请发起变更备案，经县级卫健部门审核通过后生效';
  end if;
  return new;
end;
$$;
comment on function private.classes_guard_filed() is '已备案（或暂停）机构的班级（名称、班型、月龄、托位数及增减）只能通过变更备案修改；在托人数和保育人员数由机构维护';
create trigger classes_guard_filed before insert or update or delete on public.classes
  for each row execute function private.classes_guard_filed();

-- =============================================================================================
-- Invitations: resend, revoke, preview
-- =============================================================================================

-- May the caller manage this invitation? The county admin of its county, or an owner of its
-- institution for staff invitations (as create_institution_invitation).
create function private.can_manage_invitation(inv public.institution_invitations) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return inv.id is not null
     and (private.has_scope(inv.county_code, '{county_admin}')
          or (inv.member_role = 'staff' and inv.institution_id = any (array(select private.owner_institution_ids()))));
end;
$$;
comment on function private.can_manage_invitation(public.institution_invitations) is '当前用户能否重发或撤回该邀请（所在县区的县级卫健部门；负责人可管理工作人员邀请）';

create function public.resend_institution_invitation(id uuid)
returns table (invitation_id uuid, code text, expires_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  inv public.institution_invitations;
  v_code text := upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12));
begin
  select * into inv from public.institution_invitations x where x.id = resend_institution_invitation.id for update;
  if not private.can_manage_invitation(inv) then
    raise exception '邀请不存在' using errcode = 'P0002';
  end if;
  if inv.accepted_at is not null then
    raise exception '邀请已被接受，无需重发' using errcode = '23514';
  end if;
  if inv.revoked_at is not null then
    raise exception '邀请已撤回，请重新邀请' using errcode = '23514';
  end if;
  update public.institution_invitations x
     set code_hash = encode(sha256(convert_to(v_code, 'UTF8')), 'hex'), expires_at = now() + interval '7 days'
   where x.id = inv.id
  returning * into inv;
  return query select inv.id, v_code, inv.expires_at;
end;
$$;
comment on function public.resend_institution_invitation(uuid) is '重发邀请：生成新的一次性邀请码（原邀请码作废），有效期重新计算7天';

create function public.revoke_institution_invitation(id uuid) returns timestamptz
language plpgsql
security definer
set search_path = ''
as $$
declare
  inv public.institution_invitations;
begin
  select * into inv from public.institution_invitations x where x.id = revoke_institution_invitation.id for update;
  if not private.can_manage_invitation(inv) then
    raise exception '邀请不存在' using errcode = 'P0002';
  end if;
  if inv.accepted_at is not null then
    raise exception '邀请已被接受，不能撤回；如需停用账号，请在机构账号中移除' using errcode = '23514';
  end if;
  update public.institution_invitations x set revoked_at = coalesce(x.revoked_at, now())
   where x.id = inv.id returning x.revoked_at into inv.revoked_at;
  return inv.revoked_at;
end;
$$;
comment on function public.revoke_institution_invitation(uuid) is '撤回尚未接受的邀请（邀请码随即失效）';

-- For the accept page, before sign-in: what the code invites to. Whoever holds the code is the
-- invitee; an unknown code answers nothing.
create function public.preview_institution_invitation(code text)
returns table (institution_name text, member_role public.member_role, invitee text, status text, expires_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select i.name, x.member_role, x.invitee,
         case when x.revoked_at is not null then 'revoked' when x.accepted_at is not null then 'accepted'
              when x.expires_at < now() then 'expired' else 'pending' end,
         x.expires_at
    from public.institution_invitations x
    join public.institutions i on i.id = x.institution_id
   where x.code_hash = encode(sha256(convert_to(upper(btrim(coalesce(preview_institution_invitation.code, ''))), 'UTF8')), 'hex')
$$;
comment on function public.preview_institution_invitation(text) is '按邀请码查看邀请（接受邀请页面，无需登录）：机构名称、角色、被邀请人、状态（pending 待接受 / accepted 已接受 / revoked 已撤回 / expired 已过期）';

-- =============================================================================================
-- Institution members: list and remove
-- =============================================================================================

create function public.list_institution_members(institution_id uuid)
returns table (user_id uuid, member_role public.member_role, display_name text, email text, phone text, joined_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not (list_institution_members.institution_id = any (array(select private.member_institution_ids()))
          or private.has_scope(private.institution_county(list_institution_members.institution_id), '{province_admin,city_admin,county_admin}')) then
    raise exception '机构不存在' using errcode = 'P0002';
  end if;
  return query
    select m.user_id, m.member_role, p.display_name, u.email::text, coalesce(u.phone::text, p.phone), m.created_at
      from public.institution_members m
      join public.profiles p on p.id = m.user_id
      join auth.users u on u.id = m.user_id
     where m.institution_id = list_institution_members.institution_id
     order by m.member_role, m.created_at;
end;
$$;
comment on function public.list_institution_members(uuid) is '机构账号列表（本机构成员及辖区管理员可查看）：角色、姓名、登录邮箱、手机号、加入时间';

create function public.remove_institution_member(institution_id uuid, user_id uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  m public.institution_members;
  is_county boolean := private.has_scope(private.institution_county(remove_institution_member.institution_id), '{county_admin}');
  is_owner boolean := remove_institution_member.institution_id = any (array(select private.owner_institution_ids()));
begin
  if not (is_county or is_owner) then
    if remove_institution_member.institution_id = any (array(select private.member_institution_ids())) then
      raise exception '只有机构负责人可以管理机构账号' using errcode = '42501';
    end if;
    raise exception '机构不存在' using errcode = 'P0002';
  end if;
  if remove_institution_member.user_id = (select auth.uid()) then
    raise exception '不能移除自己的账号' using errcode = '42501';
  end if;
  select * into m from public.institution_members x
   where x.institution_id = remove_institution_member.institution_id and x.user_id = remove_institution_member.user_id
   for update;
  if m.id is null then
    raise exception '该账号不是本机构的账号' using errcode = 'P0002';
  end if;
  if m.member_role = 'owner' and not exists (
       select 1 from public.institution_members x
        where x.institution_id = m.institution_id and x.member_role = 'owner' and x.id <> m.id) then
    raise exception '机构至少保留一名负责人；请先邀请新的负责人' using errcode = '23514';
  end if;
  delete from public.institution_members x where x.id = m.id;
end;
$$;
comment on function public.remove_institution_member(uuid, uuid) is '移除机构账号（机构负责人或所在县区的县级卫健部门；不能移除自己，至少保留一名负责人）';

-- =============================================================================================
-- Staff scopes: by the level directly above
-- =============================================================================================

-- Admin roles come from the level directly above (province → city, city → county); inspectors and
-- community workers from any admin whose scope holds the region. Never for oneself.
create or replace function private.can_manage_scope(target_user uuid, region text, target_role public.staff_role) returns boolean
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
          and g.region_code in (r.code, r.province_code, r.city_code, r.county_code)
          and case target_role
                when 'city_admin' then g.role = 'province_admin'
                when 'county_admin' then g.role = 'city_admin'
                when 'inspector' then true
                when 'community_worker' then true
                else false
              end
     )
$$;
comment on function private.can_manage_scope(uuid, text, public.staff_role) is '当前用户能否为他人授予/撤销该范围角色：省级授予市级管理员，市级授予县级管理员，县级（及以上）授予检查员和社区工作者，且在本人管辖范围内';

create function public.grant_staff_scope(account text, region_code text, role text) returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  target uuid;
  v_account text := lower(btrim(coalesce(grant_staff_scope.account, '')));
  result bigint;
begin
  if grant_staff_scope.role is null or grant_staff_scope.role not in ('province_admin', 'city_admin', 'county_admin', 'inspector', 'community_worker') then
    raise exception '角色无效' using errcode = '22023';
  end if;
  if not private.is_staff() then
    raise exception '只有管理员可以授权' using errcode = '42501';
  end if;
  select u.id into target from auth.users u
   where u.deleted_at is null
     and (lower(u.email) = v_account or (v_account ~ '^\+?[0-9]{5,20}$' and ltrim(u.phone, '+') = ltrim(v_account, '+')))
   limit 1;
  if target is null then
    raise exception '找不到账号：%', btrim(grant_staff_scope.account) using errcode = 'P0002',
      hint = '请对方先用该邮箱注册账号，再授权';
  end if;
  if not private.can_manage_scope(target, grant_staff_scope.region_code, grant_staff_scope.role::public.staff_role) then
    raise exception '无权授予该角色：省级授予市级管理员，市级授予县级管理员，县级授予检查员和社区工作者，且只在本人管辖范围内' using errcode = '42501';
  end if;
  if exists (select 1 from public.institution_members m where m.user_id = target) then
    raise exception '机构账号不能同时担任监管职务' using errcode = '42501';
  end if;
  insert into public.staff_scopes (user_id, region_code, role, granted_by)
  values (target, grant_staff_scope.region_code, grant_staff_scope.role::public.staff_role, (select auth.uid()))
  on conflict on constraint staff_scopes_unique do nothing
  returning id into result;
  if result is null then
    raise exception '该账号已有此授权' using errcode = '23505';
  end if;
  return result;
end;
$$;
comment on function public.grant_staff_scope(text, text, text) is '授权：按邮箱或手机号找到已注册账号，授予区划内的角色（省级→市级管理员，市级→县级管理员，县级→检查员、社区工作者）';

create function public.revoke_staff_scope(scope_id bigint) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  s public.staff_scopes;
begin
  select * into s from public.staff_scopes x where x.id = revoke_staff_scope.scope_id for update;
  if s.id is null or not (s.region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}')))) then
    raise exception '授权不存在' using errcode = 'P0002';
  end if;
  if not private.can_manage_scope(s.user_id, s.region_code, s.role) then
    raise exception '无权撤销该授权（只能撤销本人可授予的角色，不能撤销自己的授权）' using errcode = '42501';
  end if;
  delete from public.staff_scopes x where x.id = s.id;
end;
$$;
comment on function public.revoke_staff_scope(bigint) is '撤销授权（下一次请求起生效）';

-- The scopes an admin sees, with names, login and whether the caller may revoke each.
create function public.list_staff_scopes()
returns table (id bigint, user_id uuid, display_name text, email text, region_code text, region_name text,
               role public.staff_role, granted_by_name text, created_at timestamptz, can_revoke boolean)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select s.id, s.user_id, p.display_name, u.email::text, s.region_code, r.name, s.role, g.display_name, s.created_at,
           private.can_manage_scope(s.user_id, s.region_code, s.role)
      from public.staff_scopes s
      join public.regions r on r.code = s.region_code
      join auth.users u on u.id = s.user_id
      left join public.profiles p on p.id = s.user_id
      left join public.profiles g on g.id = s.granted_by
     where s.region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}')))
     order by s.region_code, private.role_rank(s.role) desc, s.created_at;
end;
$$;
comment on function public.list_staff_scopes() is '管辖范围内的授权列表（账号与权限页面）：姓名、登录邮箱、区划、角色、授权人、能否撤销';

-- =============================================================================================
-- Audit log: who did it (names of the actors an admin may see in the log)
-- =============================================================================================

create function public.audit_actor_names(actor_ids uuid[])
returns table (actor_id uuid, display_name text)
language sql
stable
security definer
set search_path = ''
as $$
  select p.id, coalesce(nullif(p.display_name, ''), '（未填写姓名）')
    from public.profiles p
   where p.id = any (audit_actor_names.actor_ids)
     and exists (select 1 from public.audit_log a where a.actor_id = p.id
                   and (a.county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
                        or a.city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
                        or a.province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))))
$$;
comment on function public.audit_actor_names(uuid[]) is '审计日志中操作人的姓名（只回答本人管辖范围内日志里出现的操作人）';

-- =============================================================================================
-- Grants and UI permissions
-- =============================================================================================

revoke execute on function
  public.resend_institution_invitation(uuid), public.revoke_institution_invitation(uuid),
  public.list_institution_members(uuid), public.remove_institution_member(uuid, uuid),
  public.grant_staff_scope(text, text, text), public.revoke_staff_scope(bigint), public.list_staff_scopes(),
  public.audit_actor_names(uuid[]), public.preview_institution_invitation(text)
  from public, anon;
grant execute on function
  public.resend_institution_invitation(uuid), public.revoke_institution_invitation(uuid),
  public.list_institution_members(uuid), public.remove_institution_member(uuid, uuid),
  public.grant_staff_scope(text, text, text), public.revoke_staff_scope(bigint), public.list_staff_scopes(),
  public.audit_actor_names(uuid[])
  to authenticated, service_role;
grant execute on function public.preview_institution_invitation(text) to anon, authenticated, service_role;
revoke execute on all functions in schema private from public;
grant execute on function private.can_manage_scope(uuid, text, public.staff_role) to authenticated, service_role;

insert into private.role_permissions (role, permission) values
  ('county_admin', 'institution.create_in_county'), ('county_admin', 'invitation.manage'),
  ('county_admin', 'institution.set_status'),
  ('operator', 'member.view')
on conflict do nothing;
