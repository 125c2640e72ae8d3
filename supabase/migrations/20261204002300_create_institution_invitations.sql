-- =============================================================================================
-- 机构账号邀请 Institution invitations (issue 13 §1)
--   A county admin who entered an institution into the registry invites its operator; an owner
--   invites staff. The invitation is a one-time code (only its SHA-256 is stored), valid 7 days,
--   handed over by mail, SMS or in person. The invitee signs up (or signs in) with the ordinary
--   auth API and redeems the code with accept_institution_invitation — the same on the local stack
--   and on a real Supabase project (no service-role invite needed).
-- =============================================================================================

create table public.institution_invitations (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  invitee text not null check (length(btrim(invitee)) between 3 and 200),
  member_role public.member_role not null default 'owner',
  code_hash text not null unique,
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_by uuid references auth.users (id) on delete set null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now()
);
comment on table public.institution_invitations is '机构账号邀请：县级卫健部门邀请机构负责人、负责人邀请工作人员；一次性邀请码（仅存哈希），7天有效';
comment on column public.institution_invitations.id is '主键';
comment on column public.institution_invitations.institution_id is '机构ID';
comment on column public.institution_invitations.county_code is '所在县区代码';
comment on column public.institution_invitations.invitee is '被邀请人（邮箱或手机号，用于核对）';
comment on column public.institution_invitations.member_role is '机构内角色：owner 负责人 / staff 工作人员';
comment on column public.institution_invitations.code_hash is '邀请码的 SHA-256（邀请码只在创建时返回一次）';
comment on column public.institution_invitations.expires_at is '有效期至';
comment on column public.institution_invitations.accepted_by is '接受邀请的账号';
comment on column public.institution_invitations.accepted_at is '接受时间';
comment on column public.institution_invitations.revoked_at is '撤回时间';
comment on column public.institution_invitations.created_by is '邀请人';
comment on column public.institution_invitations.created_at is '创建时间';
create index institution_invitations_institution_id_idx on public.institution_invitations (institution_id);
create index institution_invitations_county_code_idx on public.institution_invitations (county_code);
create index institution_invitations_accepted_by_idx on public.institution_invitations (accepted_by);
create index institution_invitations_created_by_idx on public.institution_invitations (created_by);

create trigger institution_invitations_audit after insert or update or delete on public.institution_invitations
  for each row execute function private.audit_row();

alter table public.institution_invitations enable row level security;
create policy institution_invitations_select_county_admin on public.institution_invitations
  for select to authenticated using (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy institution_invitations_select_owner on public.institution_invitations
  for select to authenticated using (institution_id = any (array(select private.owner_institution_ids())));
revoke all on public.institution_invitations from anon;
revoke insert, update, delete, truncate on public.institution_invitations from authenticated;
-- the hash stays in the database
revoke select on public.institution_invitations from authenticated;
grant select (id, institution_id, county_code, invitee, member_role, expires_at, accepted_by, accepted_at, revoked_at,
  created_by, created_at) on public.institution_invitations to authenticated;

-- Invite: the county admin of the institution's county (owner or staff), or an owner (staff only).
-- Returns the one-time code; only its hash is kept.
create function public.create_institution_invitation(institution_id uuid, invitee text, member_role text default 'owner')
returns table (invitation_id uuid, code text, expires_at timestamptz)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  inst public.institutions%rowtype;
  is_county boolean;
  is_owner boolean;
  v_code text := upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)); -- 48 random bits
  inv public.institution_invitations;
begin
  select * into inst from public.institutions i where i.id = create_institution_invitation.institution_id;
  is_county := inst.id is not null and private.has_scope(inst.county_code, '{county_admin}');
  is_owner := inst.id is not null and inst.id = any (array(select private.owner_institution_ids()));
  if not (is_county or is_owner) then
    raise exception '机构不存在' using errcode = 'P0002';
  end if;
  if create_institution_invitation.member_role is null or create_institution_invitation.member_role not in ('owner', 'staff') then
    raise exception '机构内角色应为 owner（负责人）或 staff（工作人员）' using errcode = '22023';
  end if;
  if create_institution_invitation.member_role = 'owner' and not is_county then
    raise exception '机构负责人由县级卫健部门邀请' using errcode = '42501';
  end if;
  if coalesce(length(btrim(create_institution_invitation.invitee)), 0) < 3 then
    raise exception '请填写被邀请人的邮箱或手机号' using errcode = '22023';
  end if;
  insert into public.institution_invitations (institution_id, county_code, invitee, member_role, code_hash)
  values (inst.id, inst.county_code, btrim(create_institution_invitation.invitee), create_institution_invitation.member_role::public.member_role,
          encode(sha256(convert_to(v_code, 'UTF8')), 'hex'))
  returning * into inv;
  return query select inv.id, v_code, inv.expires_at;
end;
$$;
comment on function public.create_institution_invitation(uuid, text, text) is '邀请机构账号：县级卫健部门邀请负责人或工作人员，负责人邀请工作人员；返回一次性邀请码（7天有效）';

-- Redeem: the signed-in invitee becomes a member of the institution (once; not for staff accounts).
create function public.accept_institution_invitation(code text) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  inv public.institution_invitations;
  uid uuid := (select auth.uid());
begin
  if uid is null then
    raise exception '请先注册或登录，再使用邀请码' using errcode = '42501';
  end if;
  select * into inv from public.institution_invitations x
   where x.code_hash = encode(sha256(convert_to(upper(btrim(coalesce(accept_institution_invitation.code, ''))), 'UTF8')), 'hex')
   for update;
  if inv.id is null or inv.revoked_at is not null then
    raise exception '邀请码无效' using errcode = 'P0002';
  end if;
  if inv.accepted_at is not null then
    raise exception '邀请码已使用' using errcode = '23514';
  end if;
  if inv.expires_at < now() then
    raise exception '邀请码已过期，请联系邀请人重新邀请' using errcode = '23514';
  end if;
  if private.is_staff() then
    raise exception '监管部门工作人员账号不能成为机构账号' using errcode = '42501';
  end if;
  insert into public.institution_members (institution_id, user_id, member_role)
  values (inv.institution_id, uid, inv.member_role)
  on conflict (institution_id, user_id) do update set member_role = excluded.member_role;
  update public.institution_invitations x set accepted_by = uid, accepted_at = now() where x.id = inv.id;
  return inv.institution_id;
end;
$$;
comment on function public.accept_institution_invitation(text) is '使用邀请码成为机构账号（登录后使用，一次有效）';

revoke execute on function public.create_institution_invitation(uuid, text, text), public.accept_institution_invitation(text) from public, anon;
grant execute on function public.create_institution_invitation(uuid, text, text), public.accept_institution_invitation(text)
  to authenticated, service_role;
revoke execute on all functions in schema private from public;
