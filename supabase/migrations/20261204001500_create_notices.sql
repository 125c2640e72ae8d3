-- =============================================================================================
-- 消息通知 Notices: an outbox of messages to families (WeChat subscribe messages) and institutions
--   notices   one row per message; written only by the RPCs of the enrollment and review workflows
--             (private.notify), drained by the `notices-drain` function with the service role:
--             claim_notices() leases due rows (skip locked), complete_notice() records the answer of
--             the WeChat API; failures are retried with exponential backoff (1, 2, 4 … 60 minutes)
--             and never dropped — after 10 attempts a notice is `failed` and still listed in 我的.
-- Families read their own notices, institution members their institution's; nobody writes them
-- through the API except read marks (mark_notices_read).
-- =============================================================================================

-- =============================================================================================
-- Tables
-- =============================================================================================

create table public.notices (
  id bigint generated always as identity primary key,
  recipient_id uuid references auth.users (id) on delete cascade,
  institution_id uuid references public.institutions (id) on delete cascade,
  kind text not null check (kind in ('request_received', 'visit_requested', 'offer_received', 'offer_lapsing',
    'offer_lapsed', 'offer_accepted', 'offer_declined', 'request_declined', 'request_withdrawn', 'placement_ended',
    'visit_done', 'review_received', 'review_replied', 'review_hidden')),
  request_id uuid,
  title text not null check (length(title) between 1 and 40),
  body text not null check (length(body) between 1 and 200),
  page text check (length(page) <= 200),
  data jsonb not null default '{}' check (jsonb_typeof(data) = 'object'),
  channel text not null check (channel in ('wechat', 'inbox')),
  delivery_status text not null check (delivery_status in ('pending', 'retrying', 'sent', 'not_subscribed', 'failed', 'inbox')),
  attempts smallint not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz,
  last_error text check (length(last_error) <= 500),
  sent_at timestamptz,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  constraint notices_one_recipient check ((recipient_id is null) <> (institution_id is null))
);
comment on table public.notices is '消息通知（发件箱）：给家长的微信订阅消息与站内消息、给机构的站内消息；由业务函数写入，服务端发送并重试';
comment on column public.notices.id is '主键';
comment on column public.notices.recipient_id is '接收家长（用户ID）';
comment on column public.notices.institution_id is '接收机构';
comment on column public.notices.kind is '类型：request_received 收到入托申请 / visit_requested 收到参观预约 / offer_received 收到录取 / offer_lapsing 录取即将过期 / offer_lapsed 录取已过期 / offer_accepted 家长接受录取 / offer_declined 家长放弃录取 / request_declined 申请未获通过 / request_withdrawn 申请已撤回 / placement_ended 离园 / visit_done 参观完成 / review_received 收到评价 / review_replied 评价已回复 / review_hidden 评价被隐藏';
comment on column public.notices.request_id is '相关入托申请ID（无外键：申请删除后消息仍保留）';
comment on column public.notices.title is '标题';
comment on column public.notices.body is '内容';
comment on column public.notices.page is '点击消息打开的小程序页面';
comment on column public.notices.data is '订阅消息模板字段（按模板类型、长度限制截断）';
comment on column public.notices.channel is '渠道：wechat 微信订阅消息（同时列在“我的-消息”）/ inbox 仅站内';
comment on column public.notices.delivery_status is '发送状态：pending 待发送 / retrying 重试中 / sent 已发送 / not_subscribed 用户未订阅（不再发送）/ failed 多次失败 / inbox 仅站内无需发送';
comment on column public.notices.attempts is '已尝试发送次数';
comment on column public.notices.next_attempt_at is '下次尝试时间（退避）';
comment on column public.notices.last_error is '最近一次错误';
comment on column public.notices.sent_at is '发送成功时间';
comment on column public.notices.read_at is '已读时间';
comment on column public.notices.created_at is '创建时间';
create index notices_recipient_id_idx on public.notices (recipient_id, created_at desc);
create index notices_institution_id_idx on public.notices (institution_id, created_at desc);
create index notices_due_idx on public.notices (next_attempt_at) where delivery_status in ('pending', 'retrying');

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- Queue a notice. Families get WeChat + 我的; institutions only the admin inbox.
create function private.notify(
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
  values (recipient, institution, notice_kind, request, left(title, 40), left(body, 200), page, coalesce(data, '{}'),
          case when recipient is not null then 'wechat' else 'inbox' end,
          case when recipient is not null then 'pending' else 'inbox' end,
          case when recipient is not null then now() end);
end;
$$;
comment on function private.notify(uuid, uuid, text, uuid, text, text, text, jsonb) is '写入一条消息（家长：微信订阅消息+站内；机构：站内）';

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.notices enable row level security;
create policy notices_select_recipient on public.notices
  for select to authenticated using (recipient_id = (select auth.uid()));
create policy notices_select_member on public.notices
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
revoke all on public.notices from anon, authenticated;
grant select (id, recipient_id, institution_id, kind, request_id, title, body, page, data, channel, delivery_status,
  sent_at, read_at, created_at) on public.notices to authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

create function public.mark_notices_read(ids bigint[]) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  n integer;
begin
  update public.notices x set read_at = now()
   where x.id = any (ids) and x.read_at is null
     and (x.recipient_id = (select auth.uid()) or x.institution_id = any (array(select private.member_institution_ids())));
  get diagnostics n = row_count;
  return n;
end;
$$;
comment on function public.mark_notices_read(bigint[]) is '把自己的（或本机构的）消息标为已读';

-- Outbox drain (service role) --------------------------------------------------------------------------
-- Lease up to max_rows due WeChat notices (skip locked: several drains never send one twice); the
-- lease is the next attempt time, so a drain that dies mid-way leaves them to be retried.
create function public.claim_notices(max_rows integer default 20)
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
    select l.id, l.kind, w.openid, l.page, l.data, l.title, l.body, l.attempts
      from leased l left join public.wechat_identities w on w.user_id = l.recipient_id
     order by l.id;
end;
$$;
comment on function public.claim_notices(integer) is '服务端领取待发送的微信消息（租约5分钟，跳过已被其他进程锁定的行）';

-- The WeChat answer: errcode 0 → sent; 43101 (not subscribed) or no openid → not_subscribed; any
-- other error → retry after 2^(attempts-1) minutes (at most 60), failed after 10 attempts.
create function public.complete_notice(notice bigint, errcode integer, error text default null) returns text
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
     set delivery_status = case when complete_notice.errcode = 0 then 'sent'
                                when complete_notice.errcode in (43101, 40003) then 'not_subscribed'
                                when x.attempts >= 10 then 'failed' else 'retrying' end,
         sent_at = case when complete_notice.errcode = 0 then now() end,
         last_error = case when complete_notice.errcode <> 0 then left(coalesce(error, 'errcode ' || complete_notice.errcode), 500) end,
         next_attempt_at = case when complete_notice.errcode = 0 or complete_notice.errcode in (43101, 40003) or x.attempts >= 10 then null
                                else now() + least(power(2, greatest(x.attempts - 1, 0)), 60) * interval '1 minute' end
   where x.id = notice and x.delivery_status in ('pending', 'retrying')
  returning x.delivery_status into result;
  return result;
end;
$$;
comment on function public.complete_notice(bigint, integer, text) is '记录微信接口的发送结果：成功、未订阅、或按指数退避重试（最多10次）';
