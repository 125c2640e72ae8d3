-- =============================================================================================
-- 邀请发送 Invitation delivery by SMS or e-mail through the notices outbox (issue 13 §1)
--   An invitation whose invitee is a mobile number (1[3-9]xxxxxxxxx) or an e-mail address queues a
--   notice (channel sms / email, `address` = the invitee, page = /invite/<code>) when it is created
--   or resent; anything else is handed over in person as before. notices-drain claims these with
--   claim_messages() and posts them to MESSAGE_GATEWAY_URL (locally the WeChat stand-in's outbound
--   box), recording the answer with complete_notice(). The code stays in the outbox only until the
--   message is final (sent / failed): a trigger then blanks it; resending or revoking cancels the
--   unsent message of the old code. invitation_deliveries() shows the admins 待发送 / 已发送 / 发送失败.
-- =============================================================================================

alter type public.notice_kind add value if not exists 'institution_invitation';
alter type public.notice_channel add value if not exists 'sms';
alter type public.notice_channel add value if not exists 'email';

alter table public.notices add column address text check (length(address) between 3 and 200);
alter table public.notices add column invitation_id uuid references public.institution_invitations (id) on delete cascade;
comment on column public.notices.address is '收件地址（短信手机号或电子邮箱；发给尚无账号的被邀请人）';
comment on column public.notices.invitation_id is '相关机构账号邀请';
alter table public.notices drop constraint notices_one_recipient;
alter table public.notices add constraint notices_one_recipient check (num_nonnulls(recipient_id, institution_id, address) = 1);
create index notices_invitation_id_idx on public.notices (invitation_id) where invitation_id is not null;

-- =============================================================================================
-- Helpers and triggers
-- =============================================================================================

-- Queue the invitation message for a mobile or e-mail invitee (nothing for other invitees).
create function private.queue_invitation_message(inv public.institution_invitations, code text) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_channel text := case when inv.invitee ~ '^1[3-9][0-9]{9}$' then 'sms'
                         when inv.invitee ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' then 'email' end;
  v_name text := (select i.name from public.institutions i where i.id = inv.institution_id);
begin
  if v_channel is null then
    return;
  end if;
  insert into public.notices (address, invitation_id, kind, title, body, page, channel, delivery_status, next_attempt_at)
  values (inv.invitee, inv.id, 'institution_invitation', '托育机构账号邀请',
          left(format('您被邀请成为「%s」的%s。邀请码 %s，%s 前有效，仅可使用一次。', v_name,
                      case inv.member_role when 'owner' then '机构负责人' else '工作人员' end, code,
                      to_char(inv.expires_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')), 200),
          '/invite/' || code, v_channel::public.notice_channel, 'pending', now());
end;
$$;
comment on function private.queue_invitation_message(public.institution_invitations, text) is '被邀请人为手机号或邮箱时，把含邀请链接的短信/邮件放入发件箱';

-- A final invitation message keeps no code: body and link are blanked once sent or given up.
create function private.notices_forget_invitation_code() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.invitation_id is not null and new.delivery_status in ('sent', 'failed', 'not_subscribed')
     and new.page is distinct from '/invite' then
    new.body := regexp_replace(new.body, '邀请码 [0-9A-Z]+', '邀请码（已发送，不再保存）');
    new.page := '/invite';
  end if;
  return new;
end;
$$;
create trigger notices_forget_invitation_code before update of delivery_status on public.notices
  for each row execute function private.notices_forget_invitation_code();

-- A resent (new code) or revoked invitation: its unsent message carries a dead code — give it up.
create function private.institution_invitations_cancel_messages() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.notices n
     set delivery_status = 'failed', next_attempt_at = null,
         last_error = case when new.revoked_at is not null then '邀请已撤回' else '邀请已重发，原邀请码作废' end
   where n.invitation_id = new.id and n.delivery_status in ('pending', 'retrying');
  return null;
end;
$$;
create trigger institution_invitations_cancel_messages after update of code_hash, revoked_at on public.institution_invitations
  for each row when (new.code_hash is distinct from old.code_hash or (new.revoked_at is not null and old.revoked_at is null))
  execute function private.institution_invitations_cancel_messages();

-- =============================================================================================
-- Functions
-- =============================================================================================

-- As in …2300_create_institution_invitations, plus the message.
create or replace function public.create_institution_invitation(institution_id uuid, invitee text, member_role text default 'owner')
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
  perform private.queue_invitation_message(inv, v_code);
  return query select inv.id, v_code, inv.expires_at;
end;
$$;
comment on function public.create_institution_invitation(uuid, text, text) is '邀请机构账号：县级卫健部门邀请负责人或工作人员，负责人邀请工作人员；返回一次性邀请码（7天有效），被邀请人为手机号或邮箱时发送短信/邮件';

-- As in …8500_create_account_management, plus the message (the old one is cancelled by trigger).
create or replace function public.resend_institution_invitation(id uuid)
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
  perform private.queue_invitation_message(inv, v_code);
  return query select inv.id, v_code, inv.expires_at;
end;
$$;
comment on function public.resend_institution_invitation(uuid) is '重发邀请：生成新的一次性邀请码（原邀请码作废），有效期重新计算7天；被邀请人为手机号或邮箱时重新发送';

-- The WeChat drain leaves address messages alone (same as …1500_create_notices otherwise).
create or replace function public.claim_notices(max_rows integer default 20)
returns table (id bigint, kind text, openid text, page text, data jsonb, title text, body text, attempts smallint)
language plpgsql
security definer
set search_path = ''
as $$
begin
  if current_setting('role', true) is distinct from 'service_role' and private.is_api_user() then
    raise exception '只有服务端可以发送消息' using errcode = '42501';
  end if;
  return query
    with due as (
      select x.id from public.notices x
       where x.delivery_status in ('pending', 'retrying') and x.next_attempt_at <= now() and x.address is null
       order by x.next_attempt_at, x.id
       limit least(greatest(coalesce(max_rows, 20), 1), 200)
       for update skip locked
    ), leased as (
      update public.notices x set attempts = x.attempts + 1, next_attempt_at = now() + interval '5 minutes'
        from due where x.id = due.id
      returning x.id, x.kind, x.recipient_id, x.page, x.data, x.title, x.body, x.attempts
    )
    select l.id, l.kind::text, w.openid, l.page, l.data, l.title, l.body, l.attempts
      from leased l left join public.wechat_identities w on w.user_id = l.recipient_id
     order by l.id;
end;
$$;
comment on function public.claim_notices(integer) is '服务端领取待发送的微信消息（租约5分钟，跳过已被其他进程锁定的行；短信/邮件见 claim_messages）';

-- SMS and e-mail messages (to an address, no account yet): leased like claim_notices.
create function public.claim_messages(max_rows integer default 20)
returns table (id bigint, kind text, channel text, address text, title text, body text, page text, attempts smallint)
language plpgsql
security definer
set search_path = ''
as $$
begin
  if current_setting('role', true) is distinct from 'service_role' and private.is_api_user() then
    raise exception '只有服务端可以发送消息' using errcode = '42501';
  end if;
  return query
    with due as (
      select x.id from public.notices x
       where x.delivery_status in ('pending', 'retrying') and x.next_attempt_at <= now() and x.address is not null
       order by x.next_attempt_at, x.id
       limit least(greatest(coalesce(max_rows, 20), 1), 200)
       for update skip locked
    )
    update public.notices x set attempts = x.attempts + 1, next_attempt_at = now() + interval '5 minutes'
      from due where x.id = due.id
    returning x.id, x.kind::text, x.channel::text, x.address, x.title, x.body, x.page, x.attempts;
end;
$$;
comment on function public.claim_messages(integer) is '服务端领取待发送的短信/邮件（发给尚无账号的收件地址；租约5分钟，跳过已锁定的行）';

-- What the invitation lists show: the latest message of each invitation the caller may manage.
create function public.invitation_deliveries()
returns table (invitation_id uuid, channel public.notice_channel, delivery_status public.notice_delivery_status,
               sent_at timestamptz, last_error text)
language sql
stable
security definer
set search_path = ''
as $$
  select distinct on (n.invitation_id) n.invitation_id, n.channel, n.delivery_status, n.sent_at, n.last_error
    from public.notices n join public.institution_invitations i on i.id = n.invitation_id
   where private.can_manage_invitation(i)
   order by n.invitation_id, n.id desc
$$;
comment on function public.invitation_deliveries() is '邀请短信/邮件的发送状态（每个邀请最近一条；县级卫健部门和可管理该邀请的机构负责人可查）';

revoke execute on function public.claim_messages(integer) from public, anon, authenticated;
grant execute on function public.claim_messages(integer) to service_role;
revoke execute on function public.invitation_deliveries() from public, anon;
grant execute on function public.invitation_deliveries() to authenticated, service_role;
revoke execute on all functions in schema private from public;
