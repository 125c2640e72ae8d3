-- =============================================================================================
-- 投诉查询限流 Rate limit on looking up a complaint by tracking number + mobile (issue 13 §3)
--   complaint_reply (the full reply) and rate_complaint (the rating) let whoever knows a tracking
--   number and the mobile left with it in. Both now go through private.complaint_by_contact: wrong
--   mobiles are counted (private.complaint_lookup_failures) per tracking number and per caller (the
--   signed-in account, else the client address PostgREST passes in request.headers); once a count
--   reaches complaint_rules.lookup_failure_limit within lookup_window_minutes, every lookup of that
--   tracking number / by that caller is refused (54000, Chinese) — the right mobile too — until the
--   window has passed. Limits are data next to anonymous_daily_limit (the same mechanism as
--   submit_complaint: an advisory lock, a count over a window, 54000). A signed-in complainant
--   reading their own complaint is never limited.
--   rate_complaint answers a wrong mobile with null (no exception: the failure must be kept).
-- =============================================================================================

alter table public.complaint_rules
  add column lookup_failure_limit smallint not null default 5 check (lookup_failure_limit between 1 and 100),
  add column lookup_window_minutes smallint not null default 60 check (lookup_window_minutes between 1 and 1440);
comment on column public.complaint_rules.lookup_failure_limit is '凭跟踪编号和手机号查询投诉：同一编号或同一来源在时间窗内允许的手机号错误次数';
comment on column public.complaint_rules.lookup_window_minutes is '查询错误次数的统计时间窗（分钟）';

create table private.complaint_lookup_failures (
  id bigint generated always as identity primary key,
  tracking_no text not null,
  caller text,
  created_at timestamptz not null default now()
);
comment on table private.complaint_lookup_failures is '凭跟踪编号和手机号查询投诉的失败记录（限流用，不含手机号）';
comment on column private.complaint_lookup_failures.id is '主键';
comment on column private.complaint_lookup_failures.tracking_no is '查询的跟踪编号';
comment on column private.complaint_lookup_failures.caller is '查询来源（登录用户ID或客户端地址；未知为空）';
comment on column private.complaint_lookup_failures.created_at is '查询时间';
create index complaint_lookup_failures_tracking_no_idx on private.complaint_lookup_failures (tracking_no, created_at);
create index complaint_lookup_failures_caller_idx on private.complaint_lookup_failures (caller, created_at) where caller is not null;

-- Who is asking: the signed-in account, else the client address (first X-Forwarded-For entry, or
-- X-Real-IP) from the request PostgREST describes; null when unknown (then only the per-number
-- limit applies).
create function private.request_caller() returns text
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(
    (select auth.uid())::text,
    nullif(btrim(split_part(coalesce(
      nullif(current_setting('request.headers', true), '')::jsonb ->> 'x-forwarded-for',
      nullif(current_setting('request.headers', true), '')::jsonb ->> 'x-real-ip', ''), ',', 1)), ''))
$$;

-- The complaint a complainant names: their own when signed in, else by tracking number + mobile
-- under the lookup limit. Null for no match (the failure is recorded); 54000 once limited.
create function private.complaint_by_contact(tracking_no text, contact_mobile text) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_no text := upper(btrim(complaint_by_contact.tracking_no));
  v_mobile text := btrim(complaint_by_contact.contact_mobile);
  v_caller text := private.request_caller();
  found_id uuid;
  rule public.complaint_rules;
  since timestamptz;
begin
  if coalesce(v_no, '') = '' then
    return null;
  end if;
  select c.id into found_id from public.complaints c join public.complaint_contacts k on k.complaint_id = c.id
   where c.tracking_no = v_no and k.complainant_id = (select auth.uid());
  if found_id is not null or coalesce(v_mobile, '') = '' then
    return found_id;
  end if;
  perform pg_advisory_xact_lock(hashtext('complaint_lookup:' || v_no));
  rule := private.complaint_rule((select c.county_code from public.complaints c where c.tracking_no = v_no));
  since := now() - make_interval(mins => rule.lookup_window_minutes);
  if (select count(*) from private.complaint_lookup_failures f where f.tracking_no = v_no and f.created_at > since) >= rule.lookup_failure_limit
     or (v_caller is not null and (select count(*) from private.complaint_lookup_failures f
                                    where f.caller = v_caller and f.created_at > since) >= rule.lookup_failure_limit) then
    raise exception '查询时手机号错误次数过多，请%分钟后再试，或登录后在“我的投诉”查看', rule.lookup_window_minutes using errcode = '54000';
  end if;
  select c.id into found_id from public.complaints c join public.complaint_contacts k on k.complaint_id = c.id
   where c.tracking_no = v_no and k.mobile is not null and k.mobile = v_mobile;
  if found_id is null then
    insert into private.complaint_lookup_failures (tracking_no, caller) values (v_no, v_caller);
  end if;
  return found_id;
end;
$$;
comment on function private.complaint_by_contact(text, text) is '投诉人凭跟踪编号和手机号（或登录本人）找到投诉；手机号错误计次，超过限额后暂停查询';

-- The complainant's view (as before, …8000_create_inspection_screens), now rate-limited.
create or replace function public.complaint_reply(tracking_no text, contact_mobile text default null) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  found_id uuid := private.complaint_by_contact(complaint_reply.tracking_no, complaint_reply.contact_mobile);
begin
  if found_id is null then
    return null;
  end if;
  return (select jsonb_build_object(
    'tracking_no', c.tracking_no, 'status', c.status, 'public_result', c.public_result,
    'rating', c.rating, 'rating_comment', c.rating_comment,
    'replies', coalesce((select jsonb_agg(jsonb_build_object('at', e.occurred_at, 'note', e.note) order by e.occurred_at, e.id)
                           from public.complaint_events e
                          where e.complaint_id = c.id and e.visibility = 'complainant'), '[]'))
    from public.complaints c where c.id = found_id);
end;
$$;
comment on function public.complaint_reply(text, text) is '投诉人查看答复全文和评价（登录本人，或凭跟踪编号和手机号）；对不上时返回空；手机号错误次数过多时暂停查询';

-- The rating (as before, …2100_create_complaints); a wrong mobile answers null so its failure counts.
create or replace function public.rate_complaint(tracking_no text, rating integer, comment text default null,
  contact_mobile text default null) returns public.complaints
language plpgsql
security definer
set search_path = ''
as $$
declare
  found_id uuid := private.complaint_by_contact(rate_complaint.tracking_no, rate_complaint.contact_mobile);
  c public.complaints;
begin
  if found_id is null then
    return null;
  end if;
  select x.* into c from public.complaints x where x.id = found_id for update;
  if c.status <> 'closed' then
    raise exception '投诉办结后才能评价' using errcode = '23514';
  end if;
  if rate_complaint.rating is null or rate_complaint.rating not between 1 and 5 then
    raise exception '评价应为1～5星' using errcode = '22023';
  end if;
  update public.complaints x set rating = rate_complaint.rating, rating_comment = nullif(btrim(rate_complaint.comment), '')
   where x.id = c.id returning * into c;
  perform private.add_complaint_event(c, null, 'internal', format('投诉人评价：%s星', rate_complaint.rating));
  return c;
end;
$$;
comment on function public.rate_complaint(text, integer, text, text) is '投诉人对办结的投诉评价（登录本人，或凭跟踪编号和手机号；对不上时返回空，手机号错误次数过多时暂停）';

revoke all on private.complaint_lookup_failures from public, anon, authenticated;
revoke execute on all functions in schema private from public;
