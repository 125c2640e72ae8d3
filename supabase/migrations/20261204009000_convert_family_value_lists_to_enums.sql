-- =============================================================================================
-- The families' value lists (issue 12) become enum types, like the rest of the schema: the generated
-- types name the values, and each value has its one Chinese label in @tuoyu/domain
-- (tests/integration/schema/enum-labels.test.ts). Checks, defaults and partial-index predicates
-- written against text are dropped and recreated around the type change; the functions that pass
-- text into these columns are redefined with explicit casts (their signatures stay the same, so
-- API callers see no change).
-- =============================================================================================

create type public.child_sex as enum ('female', 'male');
comment on type public.child_sex is '儿童性别';
create type public.guardian_relation as enum ('mother', 'father', 'parent', 'grandparent', 'other');
comment on type public.guardian_relation is '监护人与儿童的关系';
create type public.enrollment_request_kind as enum ('place', 'visit');
comment on type public.enrollment_request_kind is '入托网上约类型：申请托位 / 预约参观';
create type public.enrollment_status as enum ('pending', 'offered', 'placed', 'declined', 'offer_declined', 'lapsed', 'withdrawn', 'visited');
comment on type public.enrollment_status is '入托申请状态';
create type public.placement_end_reason as enum ('left', 'graduated');
comment on type public.placement_end_reason is '离园原因：退托 / 毕业';
create type public.notice_kind as enum ('request_received', 'visit_requested', 'offer_received', 'offer_lapsing',
  'offer_lapsed', 'offer_accepted', 'offer_declined', 'request_declined', 'request_withdrawn', 'placement_ended',
  'visit_done', 'review_received', 'review_replied', 'review_hidden');
comment on type public.notice_kind is '消息类型';
create type public.notice_channel as enum ('wechat', 'inbox');
comment on type public.notice_channel is '消息渠道：微信订阅消息（并在“我的”中显示）/ 仅站内';
create type public.notice_delivery_status as enum ('pending', 'retrying', 'sent', 'not_subscribed', 'failed', 'inbox');
comment on type public.notice_delivery_status is '消息发送状态';
create type public.privacy_notice_kind as enum ('privacy', 'child_information');
comment on type public.privacy_notice_kind is '告知书类型：隐私保护指引 / 儿童个人信息处理告知书';

-- children, guardians, privacy notices ----------------------------------------------------------
alter table public.children drop constraint if exists children_sex_check;
alter table public.children alter column sex type public.child_sex using sex::public.child_sex;

alter table public.child_guardians drop constraint if exists child_guardians_relation_check;
alter table public.child_guardians alter column relation drop default;
alter table public.child_guardians alter column relation type public.guardian_relation using relation::public.guardian_relation;
alter table public.child_guardians alter column relation set default 'parent';

alter table public.guardian_invites drop constraint if exists guardian_invites_relation_check;
alter table public.guardian_invites alter column relation drop default;
alter table public.guardian_invites alter column relation type public.guardian_relation using relation::public.guardian_relation;
alter table public.guardian_invites alter column relation set default 'parent';

alter table public.privacy_notices drop constraint if exists privacy_notices_kind_check;
alter table public.privacy_notices alter column kind type public.privacy_notice_kind using kind::public.privacy_notice_kind;

-- enrollment requests and placements -------------------------------------------------------------
alter table public.enrollment_requests drop constraint if exists enrollment_requests_kind_check;
alter table public.enrollment_requests drop constraint if exists enrollment_requests_status_check;
alter table public.enrollment_requests drop constraint enrollment_requests_place_check;
alter table public.enrollment_requests drop constraint enrollment_requests_visit_check;
alter table public.enrollment_requests drop constraint enrollment_requests_offer_check;
drop index public.enrollment_requests_offer_expires_at_idx;
drop index public.enrollment_requests_open_unique;
alter table public.enrollment_requests alter column kind drop default;
alter table public.enrollment_requests alter column status drop default;
alter table public.enrollment_requests
  alter column kind type public.enrollment_request_kind using kind::public.enrollment_request_kind,
  alter column status type public.enrollment_status using status::public.enrollment_status;
alter table public.enrollment_requests alter column kind set default 'place';
alter table public.enrollment_requests alter column status set default 'pending';
alter table public.enrollment_requests
  add constraint enrollment_requests_place_check check (kind <> 'place' or (class_type is not null and service is not null and wished_start is not null)),
  add constraint enrollment_requests_visit_check check (kind <> 'visit' or visit_date is not null),
  add constraint enrollment_requests_offer_check check (status <> 'offered' or (class_id is not null and offer_expires_at is not null));
create index enrollment_requests_offer_expires_at_idx on public.enrollment_requests (offer_expires_at) where status = 'offered';
-- one open request per child, institution and kind
create unique index enrollment_requests_open_unique on public.enrollment_requests (child_id, institution_id, kind)
  where status in ('pending', 'offered');

alter table public.placements drop constraint if exists placements_end_reason_check;
alter table public.placements alter column end_reason type public.placement_end_reason using end_reason::public.placement_end_reason;

-- notices ----------------------------------------------------------------------------------------------
alter table public.notices drop constraint if exists notices_kind_check;
alter table public.notices drop constraint if exists notices_channel_check;
alter table public.notices drop constraint if exists notices_delivery_status_check;
drop index public.notices_due_idx;
alter table public.notices
  alter column kind type public.notice_kind using kind::public.notice_kind,
  alter column channel type public.notice_channel using channel::public.notice_channel,
  alter column delivery_status type public.notice_delivery_status using delivery_status::public.notice_delivery_status;
create index notices_due_idx on public.notices (next_attempt_at) where delivery_status in ('pending', 'retrying');

-- =============================================================================================
-- Functions that pass text into these columns (same signatures, explicit casts)
-- =============================================================================================

create or replace function private.current_notice_version(notice_kind text) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select n.version from public.privacy_notices n
   where n.kind = notice_kind::public.privacy_notice_kind and n.effective_at <= now()
   order by n.effective_at desc limit 1
$$;

create or replace function private.notify(
  recipient uuid, institution uuid, notice_kind text, request uuid, title text, body text,
  page text default null, data jsonb default '{}'
) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if recipient is null and institution is null then
    return; -- nobody to tell (e.g. the family's account was deleted)
  end if;
  insert into public.notices (recipient_id, institution_id, kind, request_id, title, body, page, data, channel,
                              delivery_status, next_attempt_at)
  values (recipient, institution, notice_kind::public.notice_kind, request, left(title, 40), left(body, 200), page,
          coalesce(data, '{}'),
          case when recipient is not null then 'wechat' else 'inbox' end::public.notice_channel,
          case when recipient is not null then 'pending' else 'inbox' end::public.notice_delivery_status,
          case when recipient is not null then now() end);
end;
$$;

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
       where x.delivery_status in ('pending', 'retrying') and x.next_attempt_at <= now()
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

create or replace function public.complete_notice(notice bigint, errcode integer, error text default null) returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  result text;
begin
  if current_setting('role', true) is distinct from 'service_role' and private.is_api_user() then
    raise exception '只有服务端可以发送消息' using errcode = '42501';
  end if;
  update public.notices x
     set delivery_status = (case when complete_notice.errcode = 0 then 'sent'
                                 when complete_notice.errcode in (43101, 40003) then 'not_subscribed'
                                 when x.attempts >= 10 then 'failed' else 'retrying' end)::public.notice_delivery_status,
         sent_at = case when complete_notice.errcode = 0 then now() end,
         last_error = case when complete_notice.errcode <> 0 then left(coalesce(error, 'errcode ' || complete_notice.errcode), 500) end,
         next_attempt_at = case when complete_notice.errcode = 0 or complete_notice.errcode in (43101, 40003) or x.attempts >= 10 then null
                                else now() + least(power(2, greatest(x.attempts - 1, 0)), 60) * interval '1 minute' end
   where x.id = notice and x.delivery_status in ('pending', 'retrying')
  returning x.delivery_status::text into result;
  return result;
end;
$$;

create or replace function public.end_placement(placement uuid, ended_on date, reason text) returns public.placements
language plpgsql
security definer
set search_path = ''
as $$
declare
  p public.placements;
begin
  select * into p from public.placements x where x.id = placement for update;
  if p.id is null or not p.institution_id = any (array(select private.member_institution_ids())) then
    raise exception '在托记录不存在或不属于本机构' using errcode = 'P0002';
  end if;
  if p.ended_on is not null then
    if p.ended_on = end_placement.ended_on and p.end_reason::text = reason then
      return p; -- retry
    end if;
    raise exception '该儿童已于%离园', p.ended_on using errcode = '23514';
  end if;
  if reason is null or reason not in ('left', 'graduated') then
    raise exception '请选择离园原因（退托或毕业）' using errcode = '22023';
  end if;
  if ended_on is null or ended_on < p.started_on or ended_on > greatest(current_date, p.started_on) + 31 then
    raise exception '离园日期应在入托日期之后、一个月内' using errcode = '22023';
  end if;
  if p.class_id is not null then
    perform 1 from public.classes c where c.id = p.class_id for update;
    update public.classes c set enrolled = greatest(c.enrolled - 1, 0) where c.id = p.class_id;
  end if;
  update public.placements x set ended_on = end_placement.ended_on, end_reason = reason::public.placement_end_reason
   where x.id = p.id returning * into p;
  perform private.notify((select r.requested_by from public.enrollment_requests r where r.id = p.request_id), null,
    'placement_ended', p.request_id, '离园手续已办理', '离园日期 ' || to_char(p.ended_on, 'YYYY-MM-DD') || '，欢迎为机构评价。',
    'features/family/pages/requests/index');
  return p;
end;
$$;

create or replace function public.invite_guardian(child uuid, relation text default 'parent') returns public.guardian_invites
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  result public.guardian_invites;
begin
  if not exists (select 1 from public.child_guardians g where g.child_id = child and g.user_id = uid and g.is_primary) then
    raise exception '只有第一监护人可以邀请其他监护人' using errcode = '42501';
  end if;
  if relation is null or relation not in ('mother', 'father', 'parent', 'grandparent', 'other') then
    raise exception '请选择与孩子的关系' using errcode = '22023';
  end if;
  if (select count(*) from public.child_guardians g where g.child_id = child) >= 4 then
    raise exception '每名儿童最多4位监护人' using errcode = '23514';
  end if;
  -- a double tap returns the invite still open
  select * into result from public.guardian_invites i
   where i.child_id = child and i.created_by = uid and i.accepted_at is null and i.expires_at > now()
     and i.relation = invite_guardian.relation::public.guardian_relation;
  if found then
    return result;
  end if;
  insert into public.guardian_invites (child_id, code, relation, created_by)
  values (child, upper(substr(md5(gen_random_uuid()::text || clock_timestamp()::text), 1, 8)),
          invite_guardian.relation::public.guardian_relation, uid)
  returning * into result;
  return result;
end;
$$;
