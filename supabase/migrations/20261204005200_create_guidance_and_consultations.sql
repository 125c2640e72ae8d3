-- =============================================================================================
-- 指导中心、专家与咨询预约 Guidance centres, experts and consultations (issue 14, F7)
--   guidance_centers        婴幼儿照护服务指导中心 of a region
--   experts                 专家团队: speciality, centre, region; optionally the expert's account
--   consultation_slots      an expert's times (in person or by phone) with a capacity
--   consultation_bookings   a family's booking: confirmed | waitlisted, cancel promotes exactly one;
--                           the expert (or an admin) records that it took place — RPCs only
-- Capacity: as for event sign-ups, every booking and cancellation locks the slot row first.
-- =============================================================================================

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.consultation_mode as enum ('in_person', 'phone');
comment on type public.consultation_mode is '咨询方式：in_person 到场咨询 / phone 电话咨询';

-- =============================================================================================
-- Tables
-- =============================================================================================

create table public.guidance_centers (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 2 and 100),
  region_code text not null references public.regions (code),
  address text not null default '' check (length(address) <= 200),
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  phone text check (phone ~ '^\+?[0-9-]{5,20}$'),
  opening_hours text not null default '' check (length(opening_hours) <= 100),
  description text not null default '' check (length(description) <= 5000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint guidance_centers_point_check check ((lat is null) = (lng is null))
);
comment on table public.guidance_centers is '婴幼儿照护服务指导中心';
comment on column public.guidance_centers.id is '主键';
comment on column public.guidance_centers.name is '名称';
comment on column public.guidance_centers.region_code is '所属区划（市或县区）';
comment on column public.guidance_centers.address is '地址';
comment on column public.guidance_centers.lat is '纬度（GCJ-02）';
comment on column public.guidance_centers.lng is '经度（GCJ-02）';
comment on column public.guidance_centers.phone is '联系电话';
comment on column public.guidance_centers.opening_hours is '开放时间';
comment on column public.guidance_centers.description is '简介（纯文本）';
comment on column public.guidance_centers.created_at is '创建时间';
comment on column public.guidance_centers.updated_at is '更新时间';
create index guidance_centers_region_code_idx on public.guidance_centers (region_code);

create table public.experts (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 32),
  title text not null default '' check (length(title) <= 64),
  speciality text not null default '' check (length(speciality) <= 200),
  guidance_center_id uuid references public.guidance_centers (id) on delete set null,
  region_code text not null references public.regions (code),
  bio text not null default '' check (length(bio) <= 2000),
  photo_path text check (photo_path ~ '^[A-Za-z0-9/_.-]{1,300}$'),
  user_id uuid unique references auth.users (id) on delete set null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.experts is '专家团队成员（签约服务）：专长、所属指导中心与区划；可关联专家本人账号';
comment on column public.experts.id is '主键';
comment on column public.experts.name is '姓名';
comment on column public.experts.title is '职称';
comment on column public.experts.speciality is '专长';
comment on column public.experts.guidance_center_id is '所属指导中心';
comment on column public.experts.region_code is '服务区划';
comment on column public.experts.bio is '简介（纯文本）';
comment on column public.experts.photo_path is '照片（存储桶 content-images 中的路径）';
comment on column public.experts.user_id is '专家本人账号（可空；用于发布时段、查看预约）';
comment on column public.experts.active is '是否在岗';
comment on column public.experts.created_at is '创建时间';
comment on column public.experts.updated_at is '更新时间';
create index experts_region_code_idx on public.experts (region_code);
create index experts_active_idx on public.experts (active);
create index experts_guidance_center_id_idx on public.experts (guidance_center_id);

create table public.consultation_slots (
  id uuid primary key default gen_random_uuid(),
  expert_id uuid not null references public.experts (id) on delete cascade,
  region_code text not null references public.regions (code),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  mode public.consultation_mode not null default 'in_person',
  location text not null default '' check (length(location) <= 200),
  capacity integer not null default 1 check (capacity between 1 and 100),
  confirmed_count integer not null default 0 check (confirmed_count >= 0),
  waitlist_count integer not null default 0 check (waitlist_count >= 0),
  free_places integer generated always as (greatest(capacity - confirmed_count, 0)) stored,
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint consultation_slots_times_check check (ends_at > starts_at and ends_at - starts_at <= interval '1 day'),
  constraint consultation_slots_confirmed_within_capacity_check check (confirmed_count <= capacity)
);
comment on table public.consultation_slots is '专家咨询时段（到场或电话，有名额）';
comment on column public.consultation_slots.id is '主键';
comment on column public.consultation_slots.expert_id is '专家';
comment on column public.consultation_slots.region_code is '区划（取自专家）';
comment on column public.consultation_slots.starts_at is '开始时间';
comment on column public.consultation_slots.ends_at is '结束时间';
comment on column public.consultation_slots.mode is '方式：in_person 到场咨询 / phone 电话咨询';
comment on column public.consultation_slots.location is '地点（到场咨询）';
comment on column public.consultation_slots.capacity is '名额';
comment on column public.consultation_slots.confirmed_count is '已确认预约数（由预约函数维护）';
comment on column public.consultation_slots.waitlist_count is '候补数（由预约函数维护）';
comment on column public.consultation_slots.free_places is '剩余名额';
comment on column public.consultation_slots.cancelled_at is '取消时间（专家停诊）';
comment on column public.consultation_slots.created_at is '创建时间';
comment on column public.consultation_slots.updated_at is '更新时间';
create index consultation_slots_expert_id_idx on public.consultation_slots (expert_id, starts_at);
create index consultation_slots_region_code_idx on public.consultation_slots (region_code);

create table public.consultation_bookings (
  id uuid primary key default gen_random_uuid(),
  slot_id uuid not null references public.consultation_slots (id) on delete cascade,
  expert_id uuid not null references public.experts (id) on delete cascade,
  region_code text not null references public.regions (code),
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  status public.signup_status not null,
  waitlist_position integer check (waitlist_position >= 1),
  question text not null default '' check (length(question) <= 500),
  created_at timestamptz not null default now(),
  promoted_at timestamptz,
  cancelled_at timestamptz,
  recorded_at timestamptz,
  recorded_by uuid references auth.users (id) on delete set null,
  constraint consultation_bookings_waitlist_check check ((status = 'waitlisted') = (waitlist_position is not null))
);
comment on table public.consultation_bookings is '咨询预约：满员时候补，有人取消时第一位候补自动转为确认；专家记录咨询是否进行';
comment on column public.consultation_bookings.id is '主键';
comment on column public.consultation_bookings.slot_id is '时段';
comment on column public.consultation_bookings.expert_id is '专家（取自时段）';
comment on column public.consultation_bookings.region_code is '区划（取自时段）';
comment on column public.consultation_bookings.user_id is '预约人（家长账号）';
comment on column public.consultation_bookings.status is '状态：confirmed 已确认 / waitlisted 候补 / cancelled 已取消 / attended 已咨询 / no_show 未到场';
comment on column public.consultation_bookings.waitlist_position is '候补位次';
comment on column public.consultation_bookings.question is '咨询问题（纯文本）';
comment on column public.consultation_bookings.created_at is '预约时间（到达顺序）';
comment on column public.consultation_bookings.promoted_at is '由候补转为确认的时间';
comment on column public.consultation_bookings.cancelled_at is '取消时间';
comment on column public.consultation_bookings.recorded_at is '记录咨询结果的时间';
comment on column public.consultation_bookings.recorded_by is '记录人';
create unique index consultation_bookings_one_active_idx on public.consultation_bookings (slot_id, user_id) where status <> 'cancelled';
create index consultation_bookings_user_id_idx on public.consultation_bookings (user_id);
create index consultation_bookings_slot_status_idx on public.consultation_bookings (slot_id, status, waitlist_position);
create index consultation_bookings_expert_id_idx on public.consultation_bookings (expert_id);
create index consultation_bookings_region_code_idx on public.consultation_bookings (region_code);
create index consultation_bookings_recorded_by_idx on public.consultation_bookings (recorded_by);

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger guidance_centers_touch_updated_at before update on public.guidance_centers
  for each row execute function private.touch_updated_at();
create trigger experts_touch_updated_at before update on public.experts
  for each row execute function private.touch_updated_at();
create trigger consultation_slots_touch_updated_at before update on public.consultation_slots
  for each row execute function private.touch_updated_at();

create function private.guidance_text_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_table_name = 'guidance_centers' then
    new.description := private.plain_text(new.description);
  else
    new.bio := private.plain_text(new.bio);
  end if;
  return new;
end;
$$;
create trigger guidance_centers_before_write before insert or update on public.guidance_centers
  for each row execute function private.guidance_text_before_write();
create trigger experts_before_write before insert or update on public.experts
  for each row execute function private.guidance_text_before_write();

-- A slot's region is its expert's; counters start at zero; capacity not below the confirmed.
create function private.consultation_slots_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  select e.region_code into new.region_code from public.experts e where e.id = new.expert_id;
  if new.region_code is null then
    raise exception '专家不存在' using errcode = 'P0002';
  end if;
  if tg_op = 'INSERT' then
    new.confirmed_count := 0;
    new.waitlist_count := 0;
  elsif new.capacity < old.confirmed_count then
    raise exception '名额不能少于已确认预约的人数（%人）', old.confirmed_count using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger consultation_slots_before_write before insert or update of expert_id, capacity on public.consultation_slots
  for each row execute function private.consultation_slots_before_write();

-- A slot with bookings is not deleted (that would erase the families' bookings): cancel it instead.
create function private.consultation_slots_before_delete() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.confirmed_count > 0 or old.waitlist_count > 0 then
    raise exception '该时段已有预约，不能删除；请改为停诊' using errcode = '23503';
  end if;
  return old;
end;
$$;
create trigger consultation_slots_before_delete before delete on public.consultation_slots
  for each row execute function private.consultation_slots_before_delete();

-- =============================================================================================
-- Helpers
-- =============================================================================================

create function private.my_expert_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select e.id from public.experts e where e.user_id = (select auth.uid());
end;
$$;
comment on function private.my_expert_ids() is '当前用户作为专家的专家ID';

-- May the caller manage this expert's slots and bookings (the expert, or an admin of the region)?
create function private.can_manage_expert(expert uuid) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.experts e
     where e.id = expert
       and (e.user_id = (select auth.uid())
            or private.has_scope(e.region_code, '{province_admin,city_admin,county_admin}')));
end;
$$;
comment on function private.can_manage_expert(uuid) is '当前用户能否管理该专家的时段与预约（专家本人或所在区划的管理员）';

grant execute on function private.my_expert_ids(), private.can_manage_expert(uuid) to authenticated, service_role;

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.guidance_centers enable row level security;
create policy guidance_centers_select_public on public.guidance_centers for select to anon, authenticated using (true);
create policy guidance_centers_insert_admin on public.guidance_centers for insert to authenticated
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy guidance_centers_update_admin on public.guidance_centers for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy guidance_centers_delete_admin on public.guidance_centers for delete to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke insert, update, delete, truncate on public.guidance_centers from anon;
revoke truncate on public.guidance_centers from authenticated;

alter table public.experts enable row level security;
create policy experts_select_public on public.experts for select to anon, authenticated using (active);
create policy experts_select_admin on public.experts for select to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy experts_insert_admin on public.experts for insert to authenticated
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy experts_update_admin on public.experts for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy experts_delete_admin on public.experts for delete to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke insert, update, delete, truncate on public.experts from anon;
revoke truncate on public.experts from authenticated;
-- the expert's account is not public
revoke select on public.experts from anon;
grant select (id, name, title, speciality, guidance_center_id, region_code, bio, photo_path, active, created_at, updated_at)
  on public.experts to anon;

alter table public.consultation_slots enable row level security;
create policy consultation_slots_select_public on public.consultation_slots for select to anon, authenticated using (true);
create policy consultation_slots_insert_manager on public.consultation_slots for insert to authenticated
  with check (expert_id = any (array(select private.my_expert_ids()))
              or region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy consultation_slots_update_manager on public.consultation_slots for update to authenticated
  using (expert_id = any (array(select private.my_expert_ids()))
         or region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (expert_id = any (array(select private.my_expert_ids()))
              or region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy consultation_slots_delete_manager on public.consultation_slots for delete to authenticated
  using (expert_id = any (array(select private.my_expert_ids()))
         or region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke insert, update, delete, truncate on public.consultation_slots from anon;
revoke truncate on public.consultation_slots from authenticated;
revoke update on public.consultation_slots from authenticated;
grant update (starts_at, ends_at, mode, location, capacity, cancelled_at) on public.consultation_slots to authenticated;

alter table public.consultation_bookings enable row level security;
create policy consultation_bookings_select_own on public.consultation_bookings for select to authenticated
  using (user_id = (select auth.uid()));
create policy consultation_bookings_select_manager on public.consultation_bookings for select to authenticated
  using (expert_id = any (array(select private.my_expert_ids()))
         or region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke all on public.consultation_bookings from anon;
revoke insert, update, delete, truncate on public.consultation_bookings from authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

create function public.book_consultation(slot_id uuid, question text default '') returns public.consultation_bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  s public.consultation_slots;
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
  if s.confirmed_count < s.capacity then
    insert into public.consultation_bookings (slot_id, expert_id, region_code, user_id, status, question, created_at)
    values (s.id, s.expert_id, s.region_code, uid, 'confirmed', left(private.plain_text(question), 500), clock_timestamp())
    returning * into result;
    update public.consultation_slots set confirmed_count = confirmed_count + 1 where id = s.id;
  else
    insert into public.consultation_bookings (slot_id, expert_id, region_code, user_id, status, waitlist_position, question, created_at)
    values (s.id, s.expert_id, s.region_code, uid, 'waitlisted', s.waitlist_count + 1, left(private.plain_text(question), 500), clock_timestamp())
    returning * into result;
    update public.consultation_slots set waitlist_count = waitlist_count + 1 where id = s.id;
  end if;
  return result;
end;
$$;
comment on function public.book_consultation(uuid, text) is '预约专家咨询：有名额时确认，满员时候补（锁定时段行，保证确认数不超过名额）';

create function public.cancel_consultation(booking_id uuid) returns public.consultation_bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  target uuid;
  b public.consultation_bookings;
  was public.signup_status;
  was_position integer;
  next_id uuid;
begin
  select x.slot_id into target from public.consultation_bookings x where x.id = booking_id and x.user_id = uid;
  if target is null then
    raise exception '预约不存在' using errcode = 'P0002';
  end if;
  perform 1 from public.consultation_slots s where s.id = target for update;
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
  if was = 'confirmed' then
    select x.id into next_id from public.consultation_bookings x
     where x.slot_id = target and x.status = 'waitlisted' order by x.waitlist_position limit 1;
    if next_id is null then
      update public.consultation_slots set confirmed_count = confirmed_count - 1 where id = target;
    else
      update public.consultation_bookings set status = 'confirmed', waitlist_position = null, promoted_at = now() where id = next_id;
      update public.consultation_bookings set waitlist_position = waitlist_position - 1 where slot_id = target and status = 'waitlisted';
      update public.consultation_slots set waitlist_count = waitlist_count - 1 where id = target;
    end if;
  else
    update public.consultation_bookings set waitlist_position = waitlist_position - 1
     where slot_id = target and status = 'waitlisted' and waitlist_position > was_position;
    update public.consultation_slots set waitlist_count = waitlist_count - 1 where id = target;
  end if;
  return b;
end;
$$;
comment on function public.cancel_consultation(uuid) is '取消本人的咨询预约；取消已确认的预约时第一位候补自动转为确认（恰好一位）';

create function public.record_consultation(booking_id uuid, took_place boolean) returns public.consultation_bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  b public.consultation_bookings;
begin
  select * into b from public.consultation_bookings x where x.id = booking_id for update;
  if not found or not private.can_manage_expert(b.expert_id) then
    raise exception '预约不存在' using errcode = 'P0002';
  end if;
  if b.status not in ('confirmed', 'attended', 'no_show') then
    raise exception '只能记录已确认的预约' using errcode = '23514';
  end if;
  update public.consultation_bookings
     set status = case when took_place then 'attended'::public.signup_status else 'no_show'::public.signup_status end,
         recorded_at = now(), recorded_by = (select auth.uid())
   where id = b.id returning * into b;
  return b;
end;
$$;
comment on function public.record_consultation(uuid, boolean) is '专家（或管理员）记录咨询是否进行：已咨询 / 未到场';

revoke execute on function public.book_consultation(uuid, text), public.cancel_consultation(uuid), public.record_consultation(uuid, boolean) from public, anon;
grant execute on function public.book_consultation(uuid, text), public.cancel_consultation(uuid), public.record_consultation(uuid, boolean)
  to authenticated, service_role;

revoke execute on function private.my_expert_ids(), private.can_manage_expert(uuid),
  private.consultation_slots_before_write(), private.consultation_slots_before_delete(), private.guidance_text_before_write() from public;
