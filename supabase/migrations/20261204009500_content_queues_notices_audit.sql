-- =============================================================================================
-- 活动报名与咨询预约：共用排队规则、候补转正通知、前一天提醒、审计 (issue 14 follow-up)
--   private.take_queue_place / private.leave_queue   one home of the capacity + waiting-list rule
--                             for event sign-ups and consultation bookings (the callers lock the
--                             event/slot row first, as before: behaviour unchanged)
--   notices                   new kinds: event_promoted / consultation_promoted (候补转为确认, sent at
--                             once through the families' outbox) and event_reminder /
--                             consultation_reminder (the day before)
--   queue_content_reminders() service role only; the notices-drain function calls it on every run
--                             (a schedule calls the drain). Each sign-up/booking is reminded once:
--                             reminded_at is set in the same statement that queues the notice.
--   audit                     content tables written by staff are audited like the filing tables
-- =============================================================================================

-- =============================================================================================
-- Notices: the new kinds
-- =============================================================================================

alter type public.notice_kind add value if not exists 'event_promoted';
alter type public.notice_kind add value if not exists 'event_reminder';
alter type public.notice_kind add value if not exists 'consultation_promoted';
alter type public.notice_kind add value if not exists 'consultation_reminder';
comment on type public.notice_kind is '消息类型（含活动候补转正 event_promoted、活动前一天提醒 event_reminder、咨询候补转正 consultation_promoted、咨询前一天提醒 consultation_reminder）';

alter table public.event_signups add column reminded_at timestamptz;
comment on column public.event_signups.reminded_at is '已发送活动前一天提醒的时间（每个报名只提醒一次）';
alter table public.consultation_bookings add column reminded_at timestamptz;
comment on column public.consultation_bookings.reminded_at is '已发送咨询前一天提醒的时间（每个预约只提醒一次）';

-- =============================================================================================
-- The queue rule, once
-- =============================================================================================

-- Take a place or the next waiting-list position of an event or slot; bumps its counter. The
-- caller holds the row lock of the event/slot (select … for update), which is what makes
-- confirmed ≤ capacity and the arrival order hold under parallel calls.
create function private.take_queue_place(queue text, parent uuid, out status public.signup_status, out waitlist_position integer)
language plpgsql
security definer
set search_path = ''
as $$
declare
  confirmed integer;
  cap integer;
  waiting integer;
begin
  if queue not in ('events', 'consultation_slots') then
    raise exception '未知的排队对象：%', queue using errcode = '22023';
  end if;
  execute format('select confirmed_count, capacity, waitlist_count from public.%I where id = $1', queue)
    into confirmed, cap, waiting using parent;
  if confirmed < cap then
    status := 'confirmed';
    waitlist_position := null;
    execute format('update public.%I set confirmed_count = confirmed_count + 1 where id = $1', queue) using parent;
  else
    status := 'waitlisted';
    waitlist_position := waiting + 1;
    execute format('update public.%I set waitlist_count = waitlist_count + 1 where id = $1', queue) using parent;
  end if;
end;
$$;
comment on function private.take_queue_place(text, uuid) is '报名/预约取号：有名额时确认，否则排入候补末位并更新计数（调用方须已锁定活动或时段行）';

-- An entry (already marked cancelled) leaves the queue: a confirmed place goes to the first on the
-- waiting list (exactly one, returned), positions behind a waiting entry move up one.
create function private.leave_queue(queue text, parent uuid, was public.signup_status, was_position integer) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  entries text;
  parent_column text;
  next_id uuid;
begin
  case queue
    when 'events' then entries := 'event_signups'; parent_column := 'event_id';
    when 'consultation_slots' then entries := 'consultation_bookings'; parent_column := 'slot_id';
    else raise exception '未知的排队对象：%', queue using errcode = '22023';
  end case;
  if was = 'confirmed' then
    execute format('select x.id from public.%I x where x.%I = $1 and x.status = ''waitlisted'' order by x.waitlist_position limit 1',
                   entries, parent_column) into next_id using parent;
    if next_id is null then
      execute format('update public.%I set confirmed_count = confirmed_count - 1 where id = $1', queue) using parent;
    else
      execute format('update public.%I set status = ''confirmed'', waitlist_position = null, promoted_at = now() where id = $1', entries)
        using next_id;
      execute format('update public.%I set waitlist_position = waitlist_position - 1 where %I = $1 and status = ''waitlisted''',
                     entries, parent_column) using parent;
      execute format('update public.%I set waitlist_count = waitlist_count - 1 where id = $1', queue) using parent;
    end if;
  elsif was = 'waitlisted' then
    execute format('update public.%I set waitlist_position = waitlist_position - 1 where %I = $1 and status = ''waitlisted'' and waitlist_position > $2',
                   entries, parent_column) using parent, was_position;
    execute format('update public.%I set waitlist_count = waitlist_count - 1 where id = $1', queue) using parent;
  end if;
  return next_id;
end;
$$;
comment on function private.leave_queue(text, uuid, public.signup_status, integer) is '报名/预约离开队列：已确认的名额转给第一位候补（恰好一位，返回其ID），候补位次前移（调用方须已锁定活动或时段行）';

-- =============================================================================================
-- The RPCs, now through the helpers (same signatures, same messages)
-- =============================================================================================

create or replace function public.sign_up_for_event(
  event_id uuid,
  attendee_kind public.attendee_kind default 'child',
  attendee_name text default '',
  child_age_months integer default null
) returns public.event_signups
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  e public.events;
  place record;
  result public.event_signups;
  code text;
begin
  if uid is null then
    raise exception '请先登录后再报名' using errcode = '42501';
  end if;
  select * into e from public.events ev where ev.id = sign_up_for_event.event_id for update;
  if not found or e.status not in ('published', 'cancelled') then
    raise exception '活动不存在' using errcode = 'P0002';
  end if;
  if e.status = 'cancelled' then
    raise exception '活动已取消，不能报名' using errcode = '23514';
  end if;
  if now() < e.signup_opens_at then
    raise exception '报名尚未开始，%开始报名', to_char(e.signup_opens_at at time zone 'Asia/Shanghai', 'MM月DD日 HH24:MI')
      using errcode = '23514';
  end if;
  if now() > e.signup_closes_at then
    raise exception '报名已截止（%）', to_char(e.signup_closes_at at time zone 'Asia/Shanghai', 'MM月DD日 HH24:MI')
      using errcode = '23514';
  end if;
  if exists (select 1 from public.event_signups s where s.event_id = e.id and s.user_id = uid and s.status <> 'cancelled') then
    raise exception '您已报名该活动，请勿重复报名' using errcode = '23505';
  end if;
  loop
    code := lpad((floor(random() * 1000000))::int::text, 6, '0');
    exit when not exists (select 1 from public.event_signups s where s.event_id = e.id and s.short_code = code);
  end loop;
  select * into place from private.take_queue_place('events', e.id);
  insert into public.event_signups (event_id, user_id, attendee_kind, attendee_name, child_age_months, status, waitlist_position,
                                    short_code, county_code, street_code, created_at)
  values (e.id, uid, sign_up_for_event.attendee_kind, left(private.plain_text(sign_up_for_event.attendee_name), 32),
          sign_up_for_event.child_age_months, place.status, place.waitlist_position, code, e.county_code, e.street_code, clock_timestamp())
  returning * into result;
  return result;
end;
$$;

create or replace function public.cancel_event_signup(signup_id uuid) returns public.event_signups
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  target uuid;
  e public.events;
  s public.event_signups;
  was public.signup_status;
  was_position integer;
  promoted public.event_signups;
  next_id uuid;
begin
  select x.event_id into target from public.event_signups x where x.id = signup_id and x.user_id = uid;
  if target is null then
    raise exception '报名不存在' using errcode = 'P0002';
  end if;
  select * into e from public.events ev where ev.id = target for update;
  select * into s from public.event_signups x where x.id = signup_id;
  if s.status = 'cancelled' then
    raise exception '该报名已取消' using errcode = '23514';
  end if;
  if s.status in ('attended', 'no_show') then
    raise exception '活动已签到或已结束，不能取消报名' using errcode = '23514';
  end if;
  was := s.status;
  was_position := s.waitlist_position;
  update public.event_signups set status = 'cancelled', waitlist_position = null, cancelled_at = now()
   where id = s.id returning * into s;
  next_id := private.leave_queue('events', target, was, was_position);
  select * into promoted from public.event_signups x where x.id = next_id;
  if promoted.id is not null then
    perform private.notify(promoted.user_id, null, 'event_promoted', null, '候补成功，已为您保留名额',
      '“' || e.title || '”' || to_char(e.starts_at at time zone 'Asia/Shanghai', 'MM月DD日 HH24:MI') || '，' || e.venue || '。签到码 ' || promoted.short_code || '。',
      'features/events/pages/detail/index?id=' || e.id,
      jsonb_build_object('event_id', e.id, 'signup_id', promoted.id));
  end if;
  return s;
end;
$$;

create or replace function public.book_consultation(slot_id uuid, question text default '') returns public.consultation_bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  s public.consultation_slots;
  place record;
  result public.consultation_bookings;
begin
  if uid is null then
    raise exception '请先登录后再预约' using errcode = '42501';
  end if;
  select * into s from public.consultation_slots x where x.id = book_consultation.slot_id for update;
  if not found then
    raise exception '咨询时段不存在' using errcode = 'P0002';
  end if;
  if s.cancelled_at is not null then
    raise exception '该时段已停诊，请选择其他时段' using errcode = '23514';
  end if;
  if now() >= s.starts_at then
    raise exception '该时段已开始，不能预约' using errcode = '23514';
  end if;
  if exists (select 1 from public.consultation_bookings b where b.slot_id = s.id and b.user_id = uid and b.status <> 'cancelled') then
    raise exception '您已预约该时段，请勿重复预约' using errcode = '23505';
  end if;
  select * into place from private.take_queue_place('consultation_slots', s.id);
  insert into public.consultation_bookings (slot_id, expert_id, region_code, user_id, status, waitlist_position, question, created_at)
  values (s.id, s.expert_id, s.region_code, uid, place.status, place.waitlist_position, left(private.plain_text(question), 500), clock_timestamp())
  returning * into result;
  return result;
end;
$$;

create or replace function public.cancel_consultation(booking_id uuid) returns public.consultation_bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  target uuid;
  s public.consultation_slots;
  b public.consultation_bookings;
  was public.signup_status;
  was_position integer;
  promoted public.consultation_bookings;
  next_id uuid;
begin
  select x.slot_id into target from public.consultation_bookings x where x.id = booking_id and x.user_id = uid;
  if target is null then
    raise exception '预约不存在' using errcode = 'P0002';
  end if;
  select * into s from public.consultation_slots x where x.id = target for update;
  select * into b from public.consultation_bookings x where x.id = booking_id;
  if b.status = 'cancelled' then
    raise exception '该预约已取消' using errcode = '23514';
  end if;
  if b.status in ('attended', 'no_show') then
    raise exception '咨询已结束，不能取消' using errcode = '23514';
  end if;
  was := b.status;
  was_position := b.waitlist_position;
  update public.consultation_bookings set status = 'cancelled', waitlist_position = null, cancelled_at = now()
   where id = b.id returning * into b;
  next_id := private.leave_queue('consultation_slots', target, was, was_position);
  select * into promoted from public.consultation_bookings x where x.id = next_id;
  if promoted.id is not null then
    perform private.notify(promoted.user_id, null, 'consultation_promoted', null, '候补成功，专家咨询已预约',
      to_char(s.starts_at at time zone 'Asia/Shanghai', 'MM月DD日 HH24:MI') || case s.mode when 'phone' then ' 电话咨询' else ' ' || s.location end || '。',
      'features/guidance/pages/experts/index',
      jsonb_build_object('slot_id', s.id, 'booking_id', promoted.id));
  end if;
  return b;
end;
$$;

-- =============================================================================================
-- Reminders the day before (service role: the notices drain calls this on every run)
-- =============================================================================================

create function public.queue_content_reminders() returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  r record;
  n integer := 0;
begin
  if current_setting('role', true) is distinct from 'service_role' and private.is_api_user() then
    raise exception '只有服务端可以发送提醒' using errcode = '42501';
  end if;
  for r in
    update public.event_signups x set reminded_at = now()
      from public.events e
     where e.id = x.event_id and x.status = 'confirmed' and x.reminded_at is null
       and e.status = 'published' and e.starts_at > now() and e.starts_at <= now() + interval '24 hours'
    returning x.id, x.user_id, x.short_code, e.id as event_id, e.title, e.starts_at, e.venue
  loop
    perform private.notify(r.user_id, null, 'event_reminder', null, '活动提醒：明天见',
      '“' || r.title || '”' || to_char(r.starts_at at time zone 'Asia/Shanghai', 'MM月DD日 HH24:MI') || '，' || r.venue || '。签到码 ' || r.short_code || '。',
      'features/events/pages/detail/index?id=' || r.event_id,
      jsonb_build_object('event_id', r.event_id, 'signup_id', r.id));
    n := n + 1;
  end loop;
  for r in
    update public.consultation_bookings x set reminded_at = now()
      from public.consultation_slots s
     where s.id = x.slot_id and x.status = 'confirmed' and x.reminded_at is null
       and s.cancelled_at is null and s.starts_at > now() and s.starts_at <= now() + interval '24 hours'
    returning x.id, x.user_id, s.id as slot_id, s.starts_at, s.mode, s.location
  loop
    perform private.notify(r.user_id, null, 'consultation_reminder', null, '专家咨询提醒',
      to_char(r.starts_at at time zone 'Asia/Shanghai', 'MM月DD日 HH24:MI') || case r.mode when 'phone' then ' 电话咨询，请保持电话畅通' else ' ' || r.location end || '。',
      'features/guidance/pages/experts/index',
      jsonb_build_object('slot_id', r.slot_id, 'booking_id', r.id));
    n := n + 1;
  end loop;
  return n;
end;
$$;
comment on function public.queue_content_reminders() is '活动与专家咨询前一天（24小时内开始）的提醒：每个已确认的报名/预约只提醒一次，写入消息发件箱；由消息发送函数（notices-drain）每次运行时调用';
revoke execute on function public.queue_content_reminders() from public, anon, authenticated;
grant execute on function public.queue_content_reminders() to service_role;

revoke execute on function private.take_queue_place(text, uuid), private.leave_queue(text, uuid, public.signup_status, integer) from public;

-- =============================================================================================
-- Audit: content written by staff (not the counters the RPCs keep, not families' sign-ups)
-- =============================================================================================

create trigger campaigns_audit after insert or update or delete on public.campaigns
  for each row execute function private.audit_row();
create trigger events_audit after insert or delete or update of campaign_id, title, kind, status, description, street_code,
  county_code, starts_at, ends_at, venue, lat, lng, min_age_months, max_age_months, capacity, signup_opens_at,
  signup_closes_at, review_note on public.events
  for each row execute function private.audit_row();
create trigger policies_audit after insert or update or delete on public.policies
  for each row execute function private.audit_row();
create trigger policy_subsidy_amounts_audit after insert or update or delete on public.policy_subsidy_amounts
  for each row execute function private.audit_row();
create trigger articles_audit after insert or update or delete on public.articles
  for each row execute function private.audit_row();
create trigger guidance_centers_audit after insert or update or delete on public.guidance_centers
  for each row execute function private.audit_row();
create trigger experts_audit after insert or update or delete on public.experts
  for each row execute function private.audit_row();
create trigger consultation_slots_audit after insert or delete or update of expert_id, starts_at, ends_at, mode, location,
  capacity, cancelled_at on public.consultation_slots
  for each row execute function private.audit_row();
