-- =============================================================================================
-- 宣传月与活动 Campaigns, events and sign-ups (issue 14, F8)
--   campaigns               托育服务宣传月: dates, theme and running region are data
--   event_review_settings   per county: must the county publish events before they are public?
--   events                  posted by community workers for their street, county admins for the
--                           county; draft → pending_review → published | returned; cancelled
--   event_institutions      institutions taking part (an open day at an institution)
--   event_signups           a family's sign-up (child or adult): confirmed | waitlisted, check-in
--                           by short code, no-shows recorded — written only through the RPCs
--   campaign_events         view: the published events listed under a campaign (inside its dates
--                           and region)
-- Capacity guarantee: every sign-up, cancellation and promotion locks the event row first, so an
-- event never holds more confirmed sign-ups than its capacity and the waiting list keeps arrival
-- order. Text fields are stored as plain text (tags stripped by the write triggers).
-- Reminders the day before go through the families feature's notices outbox (follow-up).
-- =============================================================================================

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.event_kind as enum ('lecture', 'free_clinic', 'open_day', 'parent_child', 'policy_consultation', 'home_visit');
comment on type public.event_kind is '活动类型：lecture 讲座 / free_clinic 义诊 / open_day 托育机构开放日 / parent_child 亲子活动 / policy_consultation 政策咨询 / home_visit 入户指导';

create type public.event_status as enum ('draft', 'pending_review', 'published', 'returned', 'cancelled');
comment on type public.event_status is '活动状态：draft 草稿 / pending_review 待审核 / published 已发布 / returned 已退回 / cancelled 已取消';

create type public.signup_status as enum ('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show');
comment on type public.signup_status is '报名/预约状态：confirmed 已确认 / waitlisted 候补 / cancelled 已取消 / attended 已到场 / no_show 未到场';

create type public.attendee_kind as enum ('child', 'adult');
comment on type public.attendee_kind is '参加人：child 儿童（由家长陪同） / adult 成人';

-- =============================================================================================
-- Tables
-- =============================================================================================

-- Plain text: rich text is not stored; tags and control characters are stripped on write.
create function private.plain_text(value text) returns text
language sql
immutable
set search_path = ''
as $$
  select btrim(regexp_replace(regexp_replace(regexp_replace(coalesce(value, ''),
    '<(script|style)[^>]*>.*?</\1\s*>', '', 'gi'), '<[^>]*>', '', 'g'), '[\x01-\x08\x0B\x0C\x0E-\x1F]', '', 'g'))
$$;
comment on function private.plain_text(text) is '富文本净化：去掉 HTML 标签（含 script/style 内容）与控制字符，只保存纯文本';

-- Campaigns --------------------------------------------------------------------------------------
create table public.campaigns (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 2 and 100),
  theme text not null default '' check (length(theme) <= 100),
  year integer not null check (year between 2000 and 2100),
  starts_on date not null,
  ends_on date not null,
  region_code text not null references public.regions (code),
  description text not null default '' check (length(description) <= 5000),
  banner_path text check (banner_path ~ '^[A-Za-z0-9/_.-]{1,300}$'),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint campaigns_dates_check check (ends_on >= starts_on and ends_on - starts_on <= 366),
  constraint campaigns_year_of_dates_check check (year = extract(year from starts_on))
);
comment on table public.campaigns is '托育服务宣传月（每年日期不同，按数据保存）；由省、市或县区组织';
comment on column public.campaigns.id is '主键';
comment on column public.campaigns.name is '宣传月名称';
comment on column public.campaigns.theme is '主题（如 普惠托育·科学育儿）';
comment on column public.campaigns.year is '年份';
comment on column public.campaigns.starts_on is '开始日期';
comment on column public.campaigns.ends_on is '结束日期（含）';
comment on column public.campaigns.region_code is '组织区划（省、市或县区）';
comment on column public.campaigns.description is '简介（纯文本）';
comment on column public.campaigns.banner_path is '横幅图片（存储桶 content-images 中的路径）';
comment on column public.campaigns.created_by is '创建人';
comment on column public.campaigns.created_at is '创建时间';
comment on column public.campaigns.updated_at is '更新时间';
create index campaigns_region_code_idx on public.campaigns (region_code);
create index campaigns_created_by_idx on public.campaigns (created_by);
create index campaigns_starts_on_idx on public.campaigns (starts_on);

-- Review setting per county ---------------------------------------------------------------------
create table public.event_review_settings (
  county_code text primary key references public.regions (code),
  review_required boolean not null default true,
  updated_by uuid references auth.users (id) on delete set null default auth.uid(),
  updated_at timestamptz not null default now()
);
comment on table public.event_review_settings is '各县区活动发布设置：社区发布的活动是否需经县级卫健部门审核后公开（无记录时默认需要审核）';
comment on column public.event_review_settings.county_code is '县区代码';
comment on column public.event_review_settings.review_required is '是否需要审核';
comment on column public.event_review_settings.updated_by is '最后修改人';
comment on column public.event_review_settings.updated_at is '更新时间';
create index event_review_settings_updated_by_idx on public.event_review_settings (updated_by);

-- Events -----------------------------------------------------------------------------------------
create table public.events (
  id uuid primary key default gen_random_uuid(),
  campaign_id uuid references public.campaigns (id) on delete set null,
  title text not null check (length(title) between 2 and 100),
  kind public.event_kind not null,
  status public.event_status not null default 'draft',
  description text not null default '' check (length(description) <= 5000),
  street_code text references public.regions (code),
  county_code text not null references public.regions (code),
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  venue text not null check (length(venue) between 2 and 200),
  lat double precision check (lat between -90 and 90),
  lng double precision check (lng between -180 and 180),
  min_age_months integer not null default 0 check (min_age_months between 0 and 72),
  max_age_months integer not null default 36 check (max_age_months between 0 and 72),
  capacity integer not null check (capacity between 1 and 10000),
  signup_opens_at timestamptz not null default now(),
  signup_closes_at timestamptz not null,
  confirmed_count integer not null default 0 check (confirmed_count >= 0),
  waitlist_count integer not null default 0 check (waitlist_count >= 0),
  free_places integer generated always as (greatest(capacity - confirmed_count, 0)) stored,
  review_note text check (length(review_note) <= 500),
  reviewed_by uuid references auth.users (id) on delete set null,
  reviewed_at timestamptz,
  published_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint events_times_check check (ends_at > starts_at and ends_at - starts_at <= interval '31 days'),
  constraint events_signup_window_check check (signup_closes_at > signup_opens_at and signup_closes_at <= ends_at),
  constraint events_ages_check check (min_age_months <= max_age_months),
  constraint events_point_check check ((lat is null) = (lng is null)),
  constraint events_confirmed_within_capacity_check check (confirmed_count <= capacity)
);
comment on table public.events is '活动：社区工作者为本街道、县级卫健部门为本县区发布（讲座、义诊、开放日等）；审核后公开';
comment on column public.events.id is '主键';
comment on column public.events.campaign_id is '所属宣传月（可空；活动日期不在宣传月内时不在宣传月下列出）';
comment on column public.events.title is '活动名称';
comment on column public.events.kind is '类型：lecture 讲座 / free_clinic 义诊 / open_day 托育机构开放日 / parent_child 亲子活动 / policy_consultation 政策咨询 / home_visit 入户指导';
comment on column public.events.status is '状态：draft 草稿 / pending_review 待审核 / published 已发布 / returned 已退回 / cancelled 已取消';
comment on column public.events.description is '活动介绍（纯文本）';
comment on column public.events.street_code is '所在街道（县区活动为空）';
comment on column public.events.county_code is '所在县区（有街道时由街道推导）';
comment on column public.events.city_code is '所在市（由县区代码推导）';
comment on column public.events.province_code is '所在省（由县区代码推导）';
comment on column public.events.starts_at is '开始时间';
comment on column public.events.ends_at is '结束时间';
comment on column public.events.venue is '活动地点';
comment on column public.events.lat is '地点纬度（GCJ-02）';
comment on column public.events.lng is '地点经度（GCJ-02）';
comment on column public.events.min_age_months is '适合月龄下限';
comment on column public.events.max_age_months is '适合月龄上限';
comment on column public.events.capacity is '名额';
comment on column public.events.signup_opens_at is '报名开始时间';
comment on column public.events.signup_closes_at is '报名截止时间（默认为活动开始时间）';
comment on column public.events.confirmed_count is '已确认报名人数（由报名函数维护）';
comment on column public.events.waitlist_count is '候补人数（由报名函数维护）';
comment on column public.events.free_places is '剩余名额';
comment on column public.events.review_note is '审核意见（退回时必填）';
comment on column public.events.reviewed_by is '审核人';
comment on column public.events.reviewed_at is '审核时间';
comment on column public.events.published_at is '发布时间';
comment on column public.events.created_by is '发布人';
comment on column public.events.created_at is '创建时间';
comment on column public.events.updated_at is '更新时间';
create index events_county_code_idx on public.events (county_code);
create index events_street_code_idx on public.events (street_code);
create index events_campaign_id_idx on public.events (campaign_id);
create index events_created_by_idx on public.events (created_by);
create index events_reviewed_by_idx on public.events (reviewed_by);
create index events_published_starts_at_idx on public.events (starts_at) where status = 'published';
create index events_status_published_at_idx on public.events (status, published_at);

create table public.event_institutions (
  event_id uuid not null references public.events (id) on delete cascade,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  primary key (event_id, institution_id)
);
comment on table public.event_institutions is '参与活动的托育机构（如机构开放日）';
comment on column public.event_institutions.event_id is '活动ID';
comment on column public.event_institutions.institution_id is '机构ID';
create index event_institutions_institution_id_idx on public.event_institutions (institution_id);

-- Sign-ups ---------------------------------------------------------------------------------------
create table public.event_signups (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null references public.events (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade default auth.uid(),
  attendee_kind public.attendee_kind not null default 'child',
  attendee_name text not null default '' check (length(attendee_name) <= 32),
  child_age_months integer check (child_age_months between 0 and 72),
  status public.signup_status not null,
  waitlist_position integer check (waitlist_position >= 1),
  short_code text not null check (short_code ~ '^[0-9]{6}$'),
  county_code text not null references public.regions (code),
  street_code text references public.regions (code),
  created_at timestamptz not null default now(),
  promoted_at timestamptz,
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  checked_in_by uuid references auth.users (id) on delete set null,
  constraint event_signups_waitlist_check check ((status = 'waitlisted') = (waitlist_position is not null)),
  constraint event_signups_short_code_unique unique (event_id, short_code)
);
comment on table public.event_signups is '活动报名：家长为孩子或本人报名；满员时进入候补，有人取消时第一位候补自动转为确认；凭签到码签到';
comment on column public.event_signups.id is '主键';
comment on column public.event_signups.event_id is '活动ID';
comment on column public.event_signups.user_id is '报名人（家长账号）';
comment on column public.event_signups.attendee_kind is '参加人：child 儿童 / adult 成人';
comment on column public.event_signups.attendee_name is '参加人称呼';
comment on column public.event_signups.child_age_months is '儿童月龄';
comment on column public.event_signups.status is '状态：confirmed 已确认 / waitlisted 候补 / cancelled 已取消 / attended 已到场 / no_show 未到场';
comment on column public.event_signups.waitlist_position is '候补位次（仅候补时有值，从1起）';
comment on column public.event_signups.short_code is '签到码（6位数字，活动内唯一；二维码内容同此）';
comment on column public.event_signups.county_code is '活动所在县区（供工作人员权限判断）';
comment on column public.event_signups.street_code is '活动所在街道（供社区工作者权限判断）';
comment on column public.event_signups.created_at is '报名时间（取得名额判定的时刻，即到达顺序）';
comment on column public.event_signups.promoted_at is '由候补转为确认的时间';
comment on column public.event_signups.cancelled_at is '取消时间';
comment on column public.event_signups.checked_in_at is '签到时间';
comment on column public.event_signups.checked_in_by is '签到操作人';
create unique index event_signups_one_active_idx on public.event_signups (event_id, user_id) where status <> 'cancelled';
create index event_signups_user_id_idx on public.event_signups (user_id);
create index event_signups_event_status_idx on public.event_signups (event_id, status, waitlist_position);
create index event_signups_county_code_idx on public.event_signups (county_code);
create index event_signups_street_code_idx on public.event_signups (street_code);
create index event_signups_checked_in_by_idx on public.event_signups (checked_in_by);

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger campaigns_touch_updated_at before update on public.campaigns
  for each row execute function private.touch_updated_at();
create trigger event_review_settings_touch_updated_at before update on public.event_review_settings
  for each row execute function private.touch_updated_at();
create trigger events_touch_updated_at before update on public.events
  for each row execute function private.touch_updated_at();

create function private.campaigns_before_write() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.description := private.plain_text(new.description);
  new.name := btrim(new.name);
  new.theme := btrim(new.theme);
  if tg_op = 'INSERT' then
    new.created_by := coalesce((select auth.uid()), new.created_by);
  end if;
  return new;
end;
$$;
create trigger campaigns_before_write before insert or update on public.campaigns
  for each row execute function private.campaigns_before_write();

create function private.event_status_label(status public.event_status) returns text
language sql
immutable
set search_path = ''
as $$
  select case status when 'draft' then '草稿' when 'pending_review' then '待审核' when 'published' then '已发布'
    when 'returned' then '已退回' when 'cancelled' then '已取消' end
$$;
comment on function private.event_status_label(public.event_status) is '活动状态的中文名（与 @tuoyu/domain 的 EVENT_STATUS_LABELS 一致，测试校验）';

create function private.event_review_required(county text) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return coalesce((select s.review_required from public.event_review_settings s where s.county_code = county), true);
end;
$$;
comment on function private.event_review_required(text) is '该县区的活动是否需要审核后公开（默认需要）';

-- May the caller post and edit events at this place (street or county)?
create function private.can_post_event(county text, street text) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return private.has_scope(county, '{county_admin}')
      or private.has_scope(coalesce(street, county), '{community_worker}');
end;
$$;
comment on function private.can_post_event(text, text) is '当前用户能否在该街道/县区发布、修改活动并签到（本县区县级管理员，或负责该街道的社区工作者）';

-- The event workflow: place, plain text, who may move it where, review per county setting.
create function private.events_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  reviewer boolean;
  street_level public.region_level;
begin
  -- a deleted campaign detaches its events (the foreign key's action, one trigger level down)
  if tg_op = 'UPDATE' and pg_trigger_depth() > 1 and old.campaign_id is not null and new.campaign_id is null then
    return new;
  end if;
  new.title := btrim(private.plain_text(new.title));
  new.description := private.plain_text(new.description);
  new.venue := btrim(private.plain_text(new.venue));
  if new.street_code is not null then
    select r.level into street_level from public.regions r where r.code = new.street_code;
    if street_level is distinct from 'street' then
      raise exception '活动所在街道不存在：%', new.street_code using errcode = '23503';
    end if;
    new.county_code := substr(new.street_code, 1, 6) || '000000';
  end if;
  if new.county_code is null then
    raise exception '请选择活动所在的街道或县区' using errcode = '23502';
  end if;
  if new.signup_closes_at is null then
    new.signup_closes_at := new.starts_at;
  end if;
  if tg_op = 'INSERT' then
    new.confirmed_count := 0;
    new.waitlist_count := 0;
    new.reviewed_by := null;
    new.reviewed_at := null;
    new.published_at := null;
    new.created_by := coalesce(uid, new.created_by);
  elsif new.capacity < old.confirmed_count then
    raise exception '名额不能少于已确认报名的人数（%人）', old.confirmed_count using errcode = '23514';
  end if;
  -- the service role (seed, imports) writes any state
  if uid is null then
    if new.status = 'published' and new.published_at is null then new.published_at := now(); end if;
    return new;
  end if;
  -- a place the caller does not serve reads as a missing event
  if not private.can_post_event(new.county_code, new.street_code)
     or (tg_op = 'UPDATE' and not private.can_post_event(old.county_code, old.street_code)) then
    raise exception '只能在本人负责的街道（县级管理员：本县区）发布和修改活动' using errcode = '42501';
  end if;
  reviewer := private.has_scope(new.county_code, '{county_admin}');

  if tg_op = 'INSERT' then
    if new.status not in ('draft', 'pending_review') then
      raise exception '新活动只能保存为草稿或提交审核' using errcode = '23514';
    end if;
  elsif old.status = 'cancelled' then
    raise exception '活动已取消，不能再修改' using errcode = '23514';
  elsif new.status is distinct from old.status then
    if not (
      (old.status in ('draft', 'returned') and new.status in ('pending_review', 'draft'))
      or (old.status = 'pending_review' and new.status = 'draft')
      or (old.status = 'pending_review' and new.status in ('published', 'returned'))
      or (old.status = 'published' and new.status = 'cancelled')
    ) then
      raise exception '活动状态不能从“%”改为“%”', private.event_status_label(old.status), private.event_status_label(new.status) using errcode = '23514';
    end if;
    if new.status in ('published', 'returned') then
      if not reviewer then
        raise exception '只有本县区卫健部门可以发布或退回活动' using errcode = '42501';
      end if;
      if new.status = 'returned' and coalesce(btrim(new.review_note), '') = '' then
        raise exception '退回活动时请填写退回原因' using errcode = '23514';
      end if;
      new.reviewed_by := uid;
      new.reviewed_at := now();
    end if;
  elsif old.status = 'published' and not reviewer and private.event_review_required(new.county_code)
        and (new.title, new.kind, new.description, new.street_code, new.starts_at, new.ends_at, new.venue, new.campaign_id)
            is distinct from (old.title, old.kind, old.description, old.street_code, old.starts_at, old.ends_at, old.venue, old.campaign_id) then
    -- a published event changed by its author goes back to the county
    new.status := 'pending_review';
  end if;

  -- submitted where no review is needed (or by the county itself): published at once
  if new.status = 'pending_review' and (reviewer or not private.event_review_required(new.county_code)) then
    new.status := 'published';
  end if;
  if new.status = 'published' and (tg_op = 'INSERT' or old.status <> 'published') then
    new.published_at := now();
  end if;
  return new;
end;
$$;
comment on function private.events_before_write() is '活动写入规则：街道/县区权限、纯文本、状态流转（草稿→待审核→发布/退回，发布后可取消）、按县区设置免审直接发布';
-- not fired by the counter updates of the sign-up functions (clients cannot write those columns)
create trigger events_before_write before insert or update of campaign_id, title, kind, status, description, street_code,
  county_code, starts_at, ends_at, venue, lat, lng, min_age_months, max_age_months, capacity, signup_opens_at,
  signup_closes_at, review_note on public.events
  for each row execute function private.events_before_write();

create function private.event_institutions_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  e record;
begin
  select ev.county_code, ev.street_code into e from public.events ev where ev.id = new.event_id;
  if not found or ((select auth.uid()) is not null and not private.can_post_event(e.county_code, e.street_code)) then
    raise exception '活动不存在' using errcode = 'P0002';
  end if;
  if not exists (select 1 from public.institutions i where i.id = new.institution_id and i.status = 'filed') then
    raise exception '只能关联已备案的托育机构' using errcode = '23503';
  end if;
  return new;
end;
$$;
create trigger event_institutions_before_write before insert or update on public.event_institutions
  for each row execute function private.event_institutions_before_write();

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.campaigns enable row level security;
create policy campaigns_select_public on public.campaigns for select to anon, authenticated using (true);
create policy campaigns_insert_admin on public.campaigns for insert to authenticated
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy campaigns_update_admin on public.campaigns for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy campaigns_delete_admin on public.campaigns for delete to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke insert, update, delete, truncate on public.campaigns from anon;
revoke truncate on public.campaigns from authenticated;

alter table public.event_review_settings enable row level security;
create policy event_review_settings_select_public on public.event_review_settings for select to anon, authenticated using (true);
create policy event_review_settings_insert_admin on public.event_review_settings for insert to authenticated
  with check (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}'))));
create policy event_review_settings_update_admin on public.event_review_settings for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}'))));
revoke insert, update, delete, truncate on public.event_review_settings from anon;
revoke delete, truncate on public.event_review_settings from authenticated;

alter table public.events enable row level security;
create policy events_select_public on public.events for select to anon, authenticated
  using (status in ('published', 'cancelled') and published_at is not null);
create policy events_select_staff on public.events for select to authenticated
  using (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin,inspector}')))
         or county_code = any (array(select private.scope_codes('{community_worker}')))
         or street_code = any (array(select private.scope_codes('{community_worker}'))));
create policy events_insert_staff on public.events for insert to authenticated
  with check (county_code = any (array(select private.counties_in_scope('{county_admin}')))
              or county_code = any (array(select private.scope_codes('{community_worker}')))
              or street_code = any (array(select private.scope_codes('{community_worker}'))));
create policy events_update_staff on public.events for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{county_admin}')))
         or county_code = any (array(select private.scope_codes('{community_worker}')))
         or street_code = any (array(select private.scope_codes('{community_worker}'))))
  with check (county_code = any (array(select private.counties_in_scope('{county_admin}')))
              or county_code = any (array(select private.scope_codes('{community_worker}')))
              or street_code = any (array(select private.scope_codes('{community_worker}'))));
create policy events_delete_staff on public.events for delete to authenticated
  using (status = 'draft'
         and (county_code = any (array(select private.counties_in_scope('{county_admin}')))
              or county_code = any (array(select private.scope_codes('{community_worker}')))
              or street_code = any (array(select private.scope_codes('{community_worker}')))));
revoke insert, update, delete, truncate on public.events from anon;
revoke truncate on public.events from authenticated;
-- counters and review stamps are written by the functions only
revoke update on public.events from authenticated;
grant update (campaign_id, title, kind, status, description, street_code, county_code, starts_at, ends_at, venue, lat, lng,
  min_age_months, max_age_months, capacity, signup_opens_at, signup_closes_at, review_note) on public.events to authenticated;

alter table public.event_institutions enable row level security;
create policy event_institutions_select_visible on public.event_institutions for select to anon, authenticated
  using (exists (select 1 from public.events e where e.id = event_id));
create policy event_institutions_insert_staff on public.event_institutions for insert to authenticated
  with check (exists (select 1 from public.events e where e.id = event_id
                       and (e.county_code = any (array(select private.counties_in_scope('{county_admin}')))
                            or e.county_code = any (array(select private.scope_codes('{community_worker}')))
                            or e.street_code = any (array(select private.scope_codes('{community_worker}'))))));
create policy event_institutions_delete_staff on public.event_institutions for delete to authenticated
  using (exists (select 1 from public.events e where e.id = event_id
                  and (e.county_code = any (array(select private.counties_in_scope('{county_admin}')))
                       or e.county_code = any (array(select private.scope_codes('{community_worker}')))
                       or e.street_code = any (array(select private.scope_codes('{community_worker}'))))));
revoke insert, update, delete, truncate on public.event_institutions from anon;
revoke update, truncate on public.event_institutions from authenticated;

alter table public.event_signups enable row level security;
create policy event_signups_select_own on public.event_signups for select to authenticated
  using (user_id = (select auth.uid()));
create policy event_signups_select_staff on public.event_signups for select to authenticated
  using (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin,inspector}')))
         or county_code = any (array(select private.scope_codes('{community_worker}')))
         or street_code = any (array(select private.scope_codes('{community_worker}'))));
-- written only through sign_up_for_event / cancel_event_signup / check_in_event_signup
revoke all on public.event_signups from anon;
revoke insert, update, delete, truncate on public.event_signups from authenticated;

grant execute on function private.plain_text(text), private.event_review_required(text), private.can_post_event(text, text)
  to authenticated, service_role;

-- The events listed under a campaign: published, inside its dates (Beijing time) and its region.
create view public.campaign_events with (security_invoker = true) as
  select e.*
    from public.events e
    join public.campaigns c on c.id = e.campaign_id
   where e.status = 'published'
     and (e.starts_at at time zone 'Asia/Shanghai')::date between c.starts_on and c.ends_on
     and c.region_code in (e.province_code, e.city_code, e.county_code);
comment on view public.campaign_events is '宣传月活动列表：已发布、在宣传月日期内（北京时间）且在组织区划内的活动';
revoke insert, update, delete, truncate on public.campaign_events from anon, authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Sign up: the event row is locked, so confirmed ≤ capacity and the waiting list keeps arrival order.
create function public.sign_up_for_event(
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
  if e.confirmed_count < e.capacity then
    insert into public.event_signups (event_id, user_id, attendee_kind, attendee_name, child_age_months, status, short_code, county_code, street_code, created_at)
    values (e.id, uid, sign_up_for_event.attendee_kind, left(private.plain_text(sign_up_for_event.attendee_name), 32),
            sign_up_for_event.child_age_months, 'confirmed', code, e.county_code, e.street_code, clock_timestamp())
    returning * into result;
    update public.events set confirmed_count = confirmed_count + 1 where id = e.id;
  else
    insert into public.event_signups (event_id, user_id, attendee_kind, attendee_name, child_age_months, status, waitlist_position, short_code, county_code, street_code, created_at)
    values (e.id, uid, sign_up_for_event.attendee_kind, left(private.plain_text(sign_up_for_event.attendee_name), 32),
            sign_up_for_event.child_age_months, 'waitlisted', e.waitlist_count + 1, code, e.county_code, e.street_code, clock_timestamp())
    returning * into result;
    update public.events set waitlist_count = waitlist_count + 1 where id = e.id;
  end if;
  return result;
end;
$$;
comment on function public.sign_up_for_event(uuid, public.attendee_kind, text, integer) is '报名活动：有名额时确认，满员时进入候补并返回候补位次（锁定活动行，保证确认人数不超过名额）';

-- Cancel one's sign-up; a confirmed place goes to the first on the waiting list (exactly one).
create function public.cancel_event_signup(signup_id uuid) returns public.event_signups
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  target uuid;
  s public.event_signups;
  was public.signup_status;
  was_position integer;
  next_id uuid;
begin
  select x.event_id into target from public.event_signups x where x.id = signup_id and x.user_id = uid;
  if target is null then
    raise exception '报名不存在' using errcode = 'P0002';
  end if;
  perform 1 from public.events e where e.id = target for update;
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
  if was = 'confirmed' then
    select x.id into next_id from public.event_signups x
     where x.event_id = target and x.status = 'waitlisted' order by x.waitlist_position limit 1;
    if next_id is null then
      update public.events set confirmed_count = confirmed_count - 1 where id = target;
    else
      update public.event_signups set status = 'confirmed', waitlist_position = null, promoted_at = now() where id = next_id;
      update public.event_signups set waitlist_position = waitlist_position - 1
       where event_id = target and status = 'waitlisted';
      update public.events set waitlist_count = waitlist_count - 1 where id = target;
    end if;
  else
    update public.event_signups set waitlist_position = waitlist_position - 1
     where event_id = target and status = 'waitlisted' and waitlist_position > was_position;
    update public.events set waitlist_count = waitlist_count - 1 where id = target;
  end if;
  return s;
end;
$$;
comment on function public.cancel_event_signup(uuid) is '取消本人的活动报名；取消已确认的报名时，第一位候补自动转为确认（恰好一位）';

-- Check in by the short code (the QR code carries the same code).
create function public.check_in_event_signup(event_id uuid, code text) returns public.event_signups
language plpgsql
security definer
set search_path = ''
as $$
declare
  e public.events;
  s public.event_signups;
begin
  select * into e from public.events ev where ev.id = check_in_event_signup.event_id;
  if not found or not private.can_post_event(e.county_code, e.street_code) then
    raise exception '活动不存在' using errcode = 'P0002';
  end if;
  select * into s from public.event_signups x
   where x.event_id = e.id and x.short_code = btrim(coalesce(code, '')) for update;
  if not found then
    raise exception '签到码无效：本活动没有该报名' using errcode = 'P0002';
  end if;
  if s.status = 'attended' then
    raise exception '已签到（%）', to_char(s.checked_in_at at time zone 'Asia/Shanghai', 'MM月DD日 HH24:MI') using errcode = '23505';
  end if;
  if s.status = 'waitlisted' then
    raise exception '该报名在候补名单中（第%位），未获得名额', s.waitlist_position using errcode = '23514';
  end if;
  if s.status = 'cancelled' then
    raise exception '该报名已取消' using errcode = '23514';
  end if;
  update public.event_signups set status = 'attended', checked_in_at = now(), checked_in_by = (select auth.uid())
   where id = s.id returning * into s;
  return s;
end;
$$;
comment on function public.check_in_event_signup(uuid, text) is '活动签到：工作人员扫码或输入6位签到码；候补、已取消、重复签到给出中文提示';

-- After the event has started, confirmed sign-ups that did not check in are recorded as no-shows.
create function public.record_event_no_shows(event_id uuid) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  e public.events;
  n integer;
begin
  select * into e from public.events ev where ev.id = record_event_no_shows.event_id;
  if not found or not private.can_post_event(e.county_code, e.street_code) then
    raise exception '活动不存在' using errcode = 'P0002';
  end if;
  if now() < e.starts_at then
    raise exception '活动开始后才能记录未到场' using errcode = '23514';
  end if;
  update public.event_signups set status = 'no_show' where event_signups.event_id = e.id and status = 'confirmed';
  get diagnostics n = row_count;
  return n;
end;
$$;
comment on function public.record_event_no_shows(uuid) is '记录未到场：活动开始后，把未签到的已确认报名记为未到场，返回人数';

-- Published, not yet ended events near a point (distance computed on the server).
create function public.nearby_events(lat double precision, lng double precision, radius_m integer default 20000)
returns table (id uuid, title text, kind public.event_kind, starts_at timestamptz, ends_at timestamptz, venue text,
               street_code text, county_code text, campaign_id uuid, capacity integer, free_places integer,
               waitlist_count integer, distance_m integer)
language sql
stable
security definer
set search_path = ''
as $$
  select e.id, e.title, e.kind, e.starts_at, e.ends_at, e.venue, e.street_code, e.county_code, e.campaign_id,
         e.capacity, e.free_places, e.waitlist_count,
         round(private.earth_distance_m(private.earth_point(nearby_events.lat, nearby_events.lng), private.earth_point(e.lat, e.lng)))::integer
    from public.events e
   where e.status = 'published' and e.ends_at > now() and e.lat is not null
     and radius_m between 1 and 100000
     and private.earth_distance_m(private.earth_point(nearby_events.lat, nearby_events.lng), private.earth_point(e.lat, e.lng)) <= radius_m
   order by 13, e.starts_at
   limit 100
$$;
comment on function public.nearby_events(double precision, double precision, integer) is '附近活动：已发布且未结束，按距离（米）排序，半径不超过100公里，最多100条';

-- Campaign report: per street and kind, over the events the caller may see, inside the campaign's dates.
create function public.campaign_report(campaign_id uuid)
returns table (province_code text, city_code text, county_code text, street_code text, kind public.event_kind,
               events_held integer, signups integer, confirmed integer, waitlisted integer, attended integer, no_shows integer)
language sql
stable
set search_path = ''
as $$
  select e.province_code, e.city_code, e.county_code, e.street_code, e.kind,
         count(distinct e.id)::integer,
         count(s.id) filter (where s.status <> 'cancelled')::integer,
         count(s.id) filter (where s.status in ('confirmed', 'attended', 'no_show'))::integer,
         count(s.id) filter (where s.status = 'waitlisted')::integer,
         count(s.id) filter (where s.status = 'attended')::integer,
         count(s.id) filter (where s.status = 'no_show')::integer
    from public.campaigns c
    join public.events e on e.campaign_id = c.id and e.status = 'published'
     and (e.starts_at at time zone 'Asia/Shanghai')::date between c.starts_on and c.ends_on
     and c.region_code in (e.province_code, e.city_code, e.county_code)
    left join public.event_signups s on s.event_id = e.id
   where c.id = campaign_report.campaign_id
   group by 1, 2, 3, 4, 5
   order by 3, 4, 5
$$;
comment on function public.campaign_report(uuid) is '宣传月统计：按街道与活动类型汇总活动场次、报名、确认、候补、到场、未到场（只统计调用者可见的活动与报名）';

revoke execute on function public.sign_up_for_event(uuid, public.attendee_kind, text, integer), public.cancel_event_signup(uuid),
  public.check_in_event_signup(uuid, text), public.record_event_no_shows(uuid), public.campaign_report(uuid) from public, anon;
grant execute on function public.sign_up_for_event(uuid, public.attendee_kind, text, integer), public.cancel_event_signup(uuid),
  public.check_in_event_signup(uuid, text), public.record_event_no_shows(uuid), public.campaign_report(uuid) to authenticated, service_role;
grant execute on function public.nearby_events(double precision, double precision, integer) to anon, authenticated, service_role;

revoke execute on function private.plain_text(text), private.event_status_label(public.event_status),
  private.event_review_required(text), private.can_post_event(text, text),
  private.events_before_write(), private.event_institutions_before_write(), private.campaigns_before_write() from public;
