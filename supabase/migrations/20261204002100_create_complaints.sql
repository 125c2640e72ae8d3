-- =============================================================================================
-- 投诉举报马上查 Complaints (issue 13 §3)
--   complaint_rules     deadlines per region (受理 1 working day, urgent 2 hours, 办结 15 working days;
--                       region_code null = national default, a region's own row overrides)
--   complaints          one row per complaint; written only through the RPCs below
--   complaint_contacts  who complained and how to reach them (the county, the complainant, and the
--                       institution only when the complainant did not ask for anonymity)
--   complaint_events    timeline: public steps (受理 → 转办 → 处理中 → 办结), the reply to the
--                       complainant, internal notes, the institution's answer, the rating
--   bucket complaint-photos  private; photos uploaded under pending/<idempotency_key>/ before submit
-- RPCs: submit_complaint (idempotent by key, rate-limited for anonymous callers), track_complaint
-- (anyone, no personal data), accept/assign/note/close (county; notes also by the assignee),
-- answer_complaint (institution), rate_complaint (complainant).
-- =============================================================================================

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.complaint_category as enum (
  'safety_hazard', 'abuse_injury', 'fee_dispute', 'hygiene_health', 'false_advertising', 'unlicensed', 'other');
comment on type public.complaint_category is '投诉类别：safety_hazard 安全隐患 / abuse_injury 虐童/伤害（紧急）/ fee_dispute 收费/退费纠纷 / hygiene_health 卫生健康 / false_advertising 虚假宣传 / unlicensed 无证办托 / other 其他';
create type public.complaint_status as enum ('submitted', 'accepted', 'assigned', 'in_progress', 'closed');
comment on type public.complaint_status is '投诉状态：submitted 待受理 / accepted 已受理 / assigned 已转办 / in_progress 处理中 / closed 已办结';
create type public.complaint_event_visibility as enum ('public', 'complainant', 'institution', 'internal');
comment on type public.complaint_event_visibility is '投诉记录可见范围：public 公开进度 / complainant 投诉人可见（答复）/ institution 机构可见（机构说明）/ internal 仅监管部门';

-- =============================================================================================
-- Tables
-- =============================================================================================

create table public.complaint_rules (
  id bigint generated always as identity primary key,
  region_code text references public.regions (code) on delete cascade,
  accept_working_days smallint not null default 1 check (accept_working_days between 0 and 30),
  urgent_accept_hours smallint not null default 2 check (urgent_accept_hours between 1 and 72),
  close_working_days smallint not null default 15 check (close_working_days between 1 and 90),
  anonymous_daily_limit smallint not null default 5 check (anonymous_daily_limit between 1 and 100),
  created_at timestamptz not null default now(),
  constraint complaint_rules_region_unique unique nulls not distinct (region_code)
);
comment on table public.complaint_rules is '投诉办理时限规则：region_code 为空为全国默认，地方可覆盖';
comment on column public.complaint_rules.id is '主键';
comment on column public.complaint_rules.region_code is '适用区划（空 = 全国默认）';
comment on column public.complaint_rules.accept_working_days is '受理时限（工作日）';
comment on column public.complaint_rules.urgent_accept_hours is '紧急投诉（虐童/伤害）受理时限（小时）';
comment on column public.complaint_rules.close_working_days is '办结时限（工作日）';
comment on column public.complaint_rules.anonymous_daily_limit is '未登录投诉每个手机号、每个被举报地址24小时内的上限';
comment on column public.complaint_rules.created_at is '创建时间';
create index complaint_rules_region_code_idx on public.complaint_rules (region_code);
insert into public.complaint_rules (region_code) values (null);

create table public.complaints (
  id uuid primary key default gen_random_uuid(),
  tracking_no text not null unique,
  idempotency_key uuid not null unique,
  institution_id uuid references public.institutions (id) on delete set null,
  reported_address text check (length(btrim(reported_address)) between 4 and 200),
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  category public.complaint_category not null,
  urgent boolean generated always as (category = 'abuse_injury') stored,
  description text not null check (length(btrim(description)) between 10 and 2000),
  photo_paths text[] not null default '{}' check (cardinality(photo_paths) <= 6),
  anonymous boolean not null default false,
  status public.complaint_status not null default 'submitted',
  accept_by timestamptz not null,
  close_by date not null,
  accepted_at timestamptz,
  assigned_to uuid references auth.users (id) on delete set null,
  assigned_department text check (length(assigned_department) <= 50),
  public_result text check (length(public_result) <= 1000),
  closed_at timestamptz,
  rating smallint check (rating between 1 and 5),
  rating_comment text check (length(rating_comment) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint complaints_target_check check (institution_id is not null or (category = 'unlicensed' and reported_address is not null))
);
comment on table public.complaints is '投诉举报：跟踪编号公开查询进度；经 submit_complaint 等函数写入';
comment on column public.complaints.id is '主键';
comment on column public.complaints.tracking_no is '跟踪编号（公开查询进度用）';
comment on column public.complaints.idempotency_key is '提交幂等键（同一键重复提交返回同一投诉）';
comment on column public.complaints.institution_id is '被投诉机构（无证办托可为空）';
comment on column public.complaints.reported_address is '被举报地址（无证办托未指明机构时）';
comment on column public.complaints.county_code is '受理县区代码';
comment on column public.complaints.city_code is '所在市代码（由县区代码推导）';
comment on column public.complaints.province_code is '所在省代码（由县区代码推导）';
comment on column public.complaints.category is '类别：safety_hazard 安全隐患 / abuse_injury 虐童/伤害 / fee_dispute 收费/退费纠纷 / hygiene_health 卫生健康 / false_advertising 虚假宣传 / unlicensed 无证办托 / other 其他';
comment on column public.complaints.urgent is '是否紧急（虐童/伤害）';
comment on column public.complaints.description is '投诉内容';
comment on column public.complaints.photo_paths is '照片（存储桶 complaint-photos 中的路径，最多6张）';
comment on column public.complaints.anonymous is '投诉人是否要求对机构匿名';
comment on column public.complaints.status is '状态：submitted 待受理 / accepted 已受理 / assigned 已转办 / in_progress 处理中 / closed 已办结';
comment on column public.complaints.accept_by is '受理期限';
comment on column public.complaints.close_by is '办结期限';
comment on column public.complaints.accepted_at is '受理时间';
comment on column public.complaints.assigned_to is '承办人（检查人员）';
comment on column public.complaints.assigned_department is '承办部门（转办）';
comment on column public.complaints.public_result is '公开的处理结果';
comment on column public.complaints.closed_at is '办结时间';
comment on column public.complaints.rating is '投诉人对办理的评价（1–5）';
comment on column public.complaints.rating_comment is '评价说明';
comment on column public.complaints.created_at is '提交时间';
comment on column public.complaints.updated_at is '更新时间';
create index complaints_institution_id_idx on public.complaints (institution_id);
create index complaints_county_code_status_idx on public.complaints (county_code, status);
create index complaints_city_code_idx on public.complaints (city_code);
create index complaints_province_code_idx on public.complaints (province_code);
create index complaints_assigned_to_idx on public.complaints (assigned_to);
create index complaints_reported_address_idx on public.complaints (reported_address, created_at) where reported_address is not null;

create table public.complaint_contacts (
  complaint_id uuid primary key references public.complaints (id) on delete cascade,
  county_code text not null,
  institution_id uuid references public.institutions (id) on delete set null,
  anonymous boolean not null,
  complainant_id uuid references auth.users (id) on delete set null,
  mobile text check (mobile ~ '^1[3-9][0-9]{9}$'),
  created_at timestamptz not null default now(),
  constraint complaint_contacts_someone_check check (complainant_id is not null or mobile is not null)
);
comment on table public.complaint_contacts is '投诉人信息（个人信息）：属地监管部门与投诉人本人可见；投诉人未要求匿名时被投诉机构可见';
comment on column public.complaint_contacts.complaint_id is '投诉ID';
comment on column public.complaint_contacts.county_code is '受理县区代码';
comment on column public.complaint_contacts.institution_id is '被投诉机构';
comment on column public.complaint_contacts.anonymous is '是否要求对机构匿名';
comment on column public.complaint_contacts.complainant_id is '投诉人账号（登录投诉时）';
comment on column public.complaint_contacts.mobile is '联系手机号';
comment on column public.complaint_contacts.created_at is '创建时间';
create index complaint_contacts_county_code_idx on public.complaint_contacts (county_code);
create index complaint_contacts_institution_id_idx on public.complaint_contacts (institution_id, anonymous);
create index complaint_contacts_complainant_id_idx on public.complaint_contacts (complainant_id);
create index complaint_contacts_mobile_idx on public.complaint_contacts (mobile, created_at);

create table public.complaint_events (
  id bigint generated always as identity primary key,
  complaint_id uuid not null references public.complaints (id) on delete cascade,
  county_code text not null,
  institution_id uuid references public.institutions (id) on delete set null,
  to_status public.complaint_status,
  visibility public.complaint_event_visibility not null,
  note text check (length(note) <= 2000),
  actor_id uuid references auth.users (id) on delete set null,
  occurred_at timestamptz not null default now()
);
comment on table public.complaint_events is '投诉办理记录：公开进度、给投诉人的答复、内部备注、机构说明、评价';
comment on column public.complaint_events.id is '主键';
comment on column public.complaint_events.complaint_id is '投诉ID';
comment on column public.complaint_events.county_code is '受理县区代码';
comment on column public.complaint_events.institution_id is '被投诉机构';
comment on column public.complaint_events.to_status is '变更后的状态（仅状态变化时）';
comment on column public.complaint_events.visibility is '可见范围：public 公开 / complainant 投诉人 / institution 机构 / internal 内部';
comment on column public.complaint_events.note is '说明';
comment on column public.complaint_events.actor_id is '操作人';
comment on column public.complaint_events.occurred_at is '时间';
create index complaint_events_complaint_id_idx on public.complaint_events (complaint_id, occurred_at) include (visibility);
create index complaint_events_county_code_idx on public.complaint_events (county_code);
create index complaint_events_institution_id_idx on public.complaint_events (institution_id, visibility);
create index complaint_events_actor_id_idx on public.complaint_events (actor_id);

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger complaints_touch_updated_at before update on public.complaints
  for each row execute function private.touch_updated_at();
create trigger complaints_audit after insert or update or delete on public.complaints
  for each row execute function private.audit_row();

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- The complaints the caller filed while signed in.
create function private.my_complaint_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.complaint_id from public.complaint_contacts c where c.complainant_id = (select auth.uid())
$$;

-- Has a complaint been submitted with this key (its photo folder is then closed)?
create function private.complaint_key_used(idempotency_key text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.complaints c where c.idempotency_key::text = complaint_key_used.idempotency_key)
$$;

-- The deadline rule of a county: its own, else its city's, else its province's, else national.
create function private.complaint_rule(county text) returns public.complaint_rules
language sql
stable
security definer
set search_path = ''
as $$
  select r.* from public.complaint_rules r
   where r.region_code is null or r.region_code in (county, substr(county, 1, 4) || '00000000', substr(county, 1, 2) || '0000000000')
   order by length(rtrim(coalesce(r.region_code, ''), '0')) desc
   limit 1
$$;

-- A complaint the caller may handle (county admin of its county), locked; otherwise "投诉不存在".
create function private.lock_complaint_for_county(id uuid) returns public.complaints
language plpgsql
security definer
set search_path = ''
as $$
declare
  c public.complaints;
begin
  select * into c from public.complaints x where x.id = lock_complaint_for_county.id for update;
  if c.id is null or not private.has_scope(c.county_code, '{county_admin}') then
    raise exception '投诉不存在' using errcode = 'P0002';
  end if;
  return c;
end;
$$;

create function private.add_complaint_event(c public.complaints, to_status public.complaint_status,
  visibility public.complaint_event_visibility, note text) returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.complaint_events (complaint_id, county_code, institution_id, to_status, visibility, note, actor_id)
  values (c.id, c.county_code, c.institution_id, to_status, visibility, nullif(btrim(note), ''), (select auth.uid()))
$$;

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.complaint_rules enable row level security;
create policy complaint_rules_select_public on public.complaint_rules for select to anon, authenticated using (true);
create policy complaint_rules_insert_admin on public.complaint_rules
  for insert to authenticated with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy complaint_rules_update_admin on public.complaint_rules
  for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke insert, update, delete, truncate on public.complaint_rules from anon;
revoke delete, truncate on public.complaint_rules from authenticated;

-- complaints: read by the regulators in scope (inspectors: only what is assigned to them), the
-- institution complained about, and the complainant; written only through the functions below.
alter table public.complaints enable row level security;
create policy complaints_select_admin on public.complaints
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
create policy complaints_select_assignee on public.complaints
  for select to authenticated using (assigned_to = (select auth.uid()));
create policy complaints_select_member on public.complaints
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy complaints_select_complainant on public.complaints
  for select to authenticated using (id = any (array(select private.my_complaint_ids())));
revoke all on public.complaints from anon;
revoke insert, update, delete, truncate on public.complaints from authenticated;

alter table public.complaint_contacts enable row level security;
create policy complaint_contacts_select_admin on public.complaint_contacts
  for select to authenticated using (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}'))));
create policy complaint_contacts_select_self on public.complaint_contacts
  for select to authenticated using (complainant_id = (select auth.uid()));
create policy complaint_contacts_select_member on public.complaint_contacts
  for select to authenticated using (not anonymous and institution_id = any (array(select private.member_institution_ids())));
revoke all on public.complaint_contacts from anon;
revoke insert, update, delete, truncate on public.complaint_contacts from authenticated;

alter table public.complaint_events enable row level security;
create policy complaint_events_select_admin on public.complaint_events
  for select to authenticated using (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}'))));
create policy complaint_events_select_assignee on public.complaint_events
  for select to authenticated using (complaint_id in (select c.id from public.complaints c where c.assigned_to = (select auth.uid())));
create policy complaint_events_select_member on public.complaint_events
  for select to authenticated using (visibility in ('public', 'institution') and institution_id = any (array(select private.member_institution_ids())));
create policy complaint_events_select_complainant on public.complaint_events
  for select to authenticated using (visibility in ('public', 'complainant') and complaint_id = any (array(select private.my_complaint_ids())));
revoke all on public.complaint_events from anon;
revoke insert, update, delete, truncate on public.complaint_events from authenticated;

-- Storage: photos (JPG/PNG, ≤ 5 MB), uploaded by anyone under pending/<idempotency_key>/ and read
-- by the county that handles the complaint.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('complaint-photos', 'complaint-photos', false, 5242880, array['image/jpeg', 'image/png'])
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy complaint_photos_insert_anyone on storage.objects
  for insert to anon, authenticated
  with check (bucket_id = 'complaint-photos' and name ~ '^pending/[0-9a-f-]{36}/[^/]{1,100}$'
              and not private.complaint_key_used((storage.foldername(name))[2]));
create policy complaint_photos_select_admin on storage.objects
  for select to authenticated
  using (bucket_id = 'complaint-photos'
         and exists (select 1 from public.complaints c where name = any (c.photo_paths)));

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Submit (anon with a mobile number, or a signed-in family). Idempotent: the same key returns the
-- same complaint and tracking number, also when retries arrive at once (unique key, on conflict).
create function public.submit_complaint(
  idempotency_key uuid,
  category text,
  description text,
  institution_id uuid default null,
  reported_address text default null,
  county_code text default null,
  contact_mobile text default null,
  anonymous boolean default false,
  photo_paths text[] default '{}'
) returns table (id uuid, tracking_no text, status public.complaint_status, created_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  uid uuid := (select auth.uid());
  inst public.institutions%rowtype;
  county text;
  cat public.complaint_category;
  rule public.complaint_rules;
  v_mobile text := nullif(btrim(submit_complaint.contact_mobile), '');
  v_address text := nullif(btrim(submit_complaint.reported_address), '');
  photos text[] := coalesce(submit_complaint.photo_paths, '{}');
  today date := (now() at time zone 'Asia/Shanghai')::date;
  c public.complaints;
  bad text;
begin
  if submit_complaint.idempotency_key is null then
    raise exception '缺少提交编号（idempotency_key）' using errcode = '22023';
  end if;
  -- a retry of a submission that already arrived: the same complaint
  select * into c from public.complaints x where x.idempotency_key = submit_complaint.idempotency_key;
  if c.id is not null then
    return query select c.id, c.tracking_no, c.status, c.created_at;
    return;
  end if;
  if submit_complaint.category is null or not submit_complaint.category = any (enum_range(null::public.complaint_category)::text[]) then
    raise exception '投诉类别无效：%', submit_complaint.category using errcode = '22023';
  end if;
  cat := submit_complaint.category::public.complaint_category;
  if coalesce(length(btrim(submit_complaint.description)), 0) < 10 or length(submit_complaint.description) > 2000 then
    raise exception '请描述投诉内容（10～2000字）' using errcode = '22023';
  end if;
  if uid is null and v_mobile is null then
    raise exception '未登录投诉请留下手机号，便于核实和答复' using errcode = '22023';
  end if;
  if v_mobile is not null and v_mobile !~ '^1[3-9][0-9]{9}$' then
    raise exception '手机号格式不正确' using errcode = '22023';
  end if;
  if submit_complaint.institution_id is not null then
    select * into inst from public.institutions i where i.id = submit_complaint.institution_id and i.status in ('filed', 'suspended');
    if inst.id is null then
      raise exception '机构不存在' using errcode = 'P0002';
    end if;
    county := inst.county_code;
  elsif cat = 'unlicensed' then
    if v_address is null or length(v_address) < 4 or length(v_address) > 200 then
      raise exception '举报无证办托请填写被举报的地址（4～200字）' using errcode = '22023';
    end if;
    select r.county_code into county from public.regions r
     where r.code = submit_complaint.county_code and r.level in ('county', 'street');
    if county is null then
      raise exception '请选择被举报地址所在的县区' using errcode = '22023';
    end if;
  else
    raise exception '请选择被投诉的机构（未备案的托育点请选择“无证办托”并填写地址）' using errcode = '22023';
  end if;
  -- photos: uploaded first under pending/<key>/, JPG/PNG, at most 5 MB each, at most 6
  if cardinality(photos) > 6 then
    raise exception '照片最多6张' using errcode = '22023';
  end if;
  select string_agg(p, '、') into bad from unnest(photos) p
   where p not like 'pending/' || submit_complaint.idempotency_key::text || '/%'
      or not exists (select 1 from storage.objects o where o.bucket_id = 'complaint-photos' and o.name = p
                       and o.metadata ->> 'mimetype' in ('image/jpeg', 'image/png')
                       and (o.metadata ->> 'size')::bigint between 1 and 5242880);
  if bad is not null then
    raise exception '照片未上传或不符合要求（JPG/PNG，每张不超过5MB）：%', bad using errcode = '22023';
  end if;
  rule := private.complaint_rule(county);
  -- anonymous callers: at most N complaints a day per mobile and per reported address
  perform pg_advisory_xact_lock(hashtext('submit_complaint:' || coalesce(v_mobile, uid::text)));
  if uid is null then
    if (select count(*) from public.complaint_contacts k
         where k.mobile = v_mobile and k.complainant_id is null and k.created_at > now() - interval '24 hours') >= rule.anonymous_daily_limit then
      raise exception '该手机号今天提交的投诉已达上限（%件），请明天再试或登录后提交', rule.anonymous_daily_limit using errcode = '54000';
    end if;
    if v_address is not null and (select count(*) from public.complaints x
         where x.reported_address = v_address and x.created_at > now() - interval '24 hours') >= rule.anonymous_daily_limit then
      raise exception '该地址今天已收到较多举报，正在处理中' using errcode = '54000';
    end if;
  end if;
  insert into public.complaints (tracking_no, idempotency_key, institution_id, reported_address, county_code, category,
                                 description, photo_paths, anonymous, accept_by, close_by)
  values ('TS' || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || upper(substr(md5(gen_random_uuid()::text), 1, 8)),
          submit_complaint.idempotency_key, inst.id, case when inst.id is null then v_address end, county, cat,
          btrim(submit_complaint.description), photos, coalesce(submit_complaint.anonymous, false),
          case when cat = 'abuse_injury' then now() + make_interval(hours => rule.urgent_accept_hours)
               else (public.add_working_days(today, rule.accept_working_days) + time '18:00') at time zone 'Asia/Shanghai' end,
          public.add_working_days(today, rule.close_working_days))
  on conflict on constraint complaints_idempotency_key_key do nothing
  returning * into c;
  if c.id is null then
    -- a concurrent retry inserted it first
    select * into c from public.complaints x where x.idempotency_key = submit_complaint.idempotency_key;
    return query select c.id, c.tracking_no, c.status, c.created_at;
    return;
  end if;
  insert into public.complaint_contacts (complaint_id, county_code, institution_id, anonymous, complainant_id, mobile)
  values (c.id, c.county_code, c.institution_id, c.anonymous, uid, v_mobile);
  perform private.add_complaint_event(c, 'submitted', 'public', '投诉已提交');
  return query select c.id, c.tracking_no, c.status, c.created_at;
end;
$$;
comment on function public.submit_complaint(uuid, text, text, uuid, text, text, text, boolean, text[]) is
  '提交投诉举报（未登录须留手机号）；同一 idempotency_key 重复提交返回同一投诉和跟踪编号';

-- Public timeline by tracking number: steps, dates and the public result; no personal data.
create function public.track_complaint(tracking_no text) returns table (
  tracking_no text,
  category public.complaint_category,
  status public.complaint_status,
  county_name text,
  submitted_at timestamptz,
  accepted_at timestamptz,
  closed_at timestamptz,
  public_result text,
  timeline jsonb
)
language sql
stable
security definer
set search_path = ''
as $$
  select c.tracking_no, c.category, c.status, r.name, c.created_at, c.accepted_at, c.closed_at, c.public_result,
         coalesce((select jsonb_agg(jsonb_build_object('status', e.to_status, 'at', e.occurred_at) order by e.occurred_at, e.id)
                     from public.complaint_events e
                    where e.complaint_id = c.id and e.visibility = 'public' and e.to_status is not null), '[]')
    from public.complaints c
    left join public.regions r on r.code = c.county_code
   where c.tracking_no = upper(btrim(track_complaint.tracking_no))
$$;
comment on function public.track_complaint(text) is '按跟踪编号查询投诉办理进度（受理 → 转办 → 处理中 → 办结），不含个人信息';

create function public.accept_complaint(complaint_id uuid) returns public.complaint_status
language plpgsql
security definer
set search_path = ''
as $$
declare
  c public.complaints := private.lock_complaint_for_county(accept_complaint.complaint_id);
begin
  if c.status <> 'submitted' then
    raise exception '投诉已受理' using errcode = '23514';
  end if;
  update public.complaints x set status = 'accepted', accepted_at = now() where x.id = c.id;
  perform private.add_complaint_event(c, 'accepted', 'public', '已受理');
  return 'accepted';
end;
$$;
comment on function public.accept_complaint(uuid) is '县级卫健部门受理投诉';

create function public.assign_complaint(complaint_id uuid, assignee_id uuid default null, department text default null,
  note text default null) returns public.complaint_status
language plpgsql
security definer
set search_path = ''
as $$
declare
  c public.complaints := private.lock_complaint_for_county(assign_complaint.complaint_id);
begin
  if c.status not in ('submitted', 'accepted', 'assigned', 'in_progress') then
    raise exception '投诉已办结，不能再转办' using errcode = '23514';
  end if;
  if assign_complaint.assignee_id is null and nullif(btrim(assign_complaint.department), '') is null then
    raise exception '请选择承办的检查人员或转办部门' using errcode = '22023';
  end if;
  if assign_complaint.assignee_id is not null and not exists (
       select 1 from public.staff_scopes s
        where s.user_id = assign_complaint.assignee_id and s.role in ('inspector', 'county_admin')
          and c.county_code like rtrim(s.region_code, '0') || '%') then
    raise exception '承办人应为本县区的检查人员' using errcode = '22023';
  end if;
  update public.complaints x
     set status = 'assigned', accepted_at = coalesce(x.accepted_at, now()),
         assigned_to = assign_complaint.assignee_id, assigned_department = nullif(btrim(assign_complaint.department), '')
   where x.id = c.id;
  if c.status = 'submitted' then
    perform private.add_complaint_event(c, 'accepted', 'public', '已受理');
  end if;
  perform private.add_complaint_event(c, 'assigned', 'public', coalesce('转' || nullif(btrim(assign_complaint.department), '') || '办理', '已转办'));
  if nullif(btrim(assign_complaint.note), '') is not null then
    perform private.add_complaint_event(c, null, 'internal', assign_complaint.note);
  end if;
  return 'assigned';
end;
$$;
comment on function public.assign_complaint(uuid, uuid, text, text) is '县级卫健部门把投诉转交检查人员或其他部门办理';

-- Notes: the county admin or the assignee; the assignee's first note starts the handling (处理中).
create function public.note_complaint(complaint_id uuid, note text, visibility text default 'internal') returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  c public.complaints;
  event_id bigint;
begin
  select * into c from public.complaints x where x.id = note_complaint.complaint_id for update;
  if c.id is null or not (private.has_scope(c.county_code, '{county_admin}') or c.assigned_to is not distinct from (select auth.uid()) and c.assigned_to is not null) then
    raise exception '投诉不存在' using errcode = 'P0002';
  end if;
  if c.status = 'closed' then
    raise exception '投诉已办结' using errcode = '23514';
  end if;
  if coalesce(length(btrim(note_complaint.note)), 0) < 2 then
    raise exception '请填写办理情况' using errcode = '22023';
  end if;
  if note_complaint.visibility is null or note_complaint.visibility not in ('internal', 'complainant') then
    raise exception '可见范围应为 internal（内部）或 complainant（告知投诉人）' using errcode = '22023';
  end if;
  if c.status in ('accepted', 'assigned') then
    update public.complaints x set status = 'in_progress' where x.id = c.id;
    perform private.add_complaint_event(c, 'in_progress', 'public', '处理中');
  end if;
  insert into public.complaint_events (complaint_id, county_code, institution_id, visibility, note, actor_id)
  values (c.id, c.county_code, c.institution_id, note_complaint.visibility::public.complaint_event_visibility,
          btrim(note_complaint.note), (select auth.uid()))
  returning id into event_id;
  return event_id;
end;
$$;
comment on function public.note_complaint(uuid, text, text) is '记录办理情况（县级卫健部门或承办检查人员）；承办人首次记录时进入“处理中”';

create function public.close_complaint(complaint_id uuid, reply text, public_result text) returns public.complaint_status
language plpgsql
security definer
set search_path = ''
as $$
declare
  c public.complaints := private.lock_complaint_for_county(close_complaint.complaint_id);
begin
  if c.status = 'closed' then
    raise exception '投诉已办结' using errcode = '23514';
  end if;
  if c.status = 'submitted' then
    raise exception '请先受理投诉' using errcode = '23514';
  end if;
  if coalesce(length(btrim(close_complaint.reply)), 0) < 2 or coalesce(length(btrim(close_complaint.public_result)), 0) < 2 then
    raise exception '办结须填写给投诉人的答复和公开的处理结果' using errcode = '22023';
  end if;
  update public.complaints x set status = 'closed', closed_at = now(), public_result = btrim(close_complaint.public_result)
   where x.id = c.id;
  perform private.add_complaint_event(c, null, 'complainant', close_complaint.reply);
  perform private.add_complaint_event(c, 'closed', 'public', close_complaint.public_result);
  return 'closed';
end;
$$;
comment on function public.close_complaint(uuid, text, text) is '办结投诉：给投诉人的答复（仅投诉人可见）和公开的处理结果';

create function public.answer_complaint(complaint_id uuid, answer text) returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  c public.complaints;
  event_id bigint;
begin
  select * into c from public.complaints x where x.id = answer_complaint.complaint_id;
  if c.id is null or not coalesce(c.institution_id = any (array(select private.member_institution_ids())), false) then
    raise exception '投诉不存在' using errcode = 'P0002';
  end if;
  if coalesce(length(btrim(answer_complaint.answer)), 0) < 2 then
    raise exception '请填写说明' using errcode = '22023';
  end if;
  insert into public.complaint_events (complaint_id, county_code, institution_id, visibility, note, actor_id)
  values (c.id, c.county_code, c.institution_id, 'institution', btrim(answer_complaint.answer), (select auth.uid()))
  returning id into event_id;
  return event_id;
end;
$$;
comment on function public.answer_complaint(uuid, text) is '被投诉机构对投诉作出说明';

-- The complainant rates the handling of a closed complaint: signed in (their own), or by tracking
-- number and the mobile number they left.
create function public.rate_complaint(tracking_no text, rating integer, comment text default null,
  contact_mobile text default null) returns public.complaints
language plpgsql
security definer
set search_path = ''
as $$
declare
  c public.complaints;
begin
  select x.* into c from public.complaints x join public.complaint_contacts k on k.complaint_id = x.id
   where x.tracking_no = upper(btrim(rate_complaint.tracking_no))
     and (k.complainant_id = (select auth.uid()) or (k.mobile is not null and k.mobile = btrim(rate_complaint.contact_mobile)))
   for update of x;
  if c.id is null then
    raise exception '投诉不存在或手机号不符' using errcode = 'P0002';
  end if;
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
comment on function public.rate_complaint(text, integer, text, text) is '投诉人对办结的投诉评价（登录本人，或凭跟踪编号和手机号）';

-- The county's queue with deadlines (security invoker: the complaints policies apply).
create view public.complaint_queue with (security_invoker = true) as
  select c.id, c.tracking_no, c.county_code, c.institution_id, i.name as institution_name, c.reported_address,
         c.category, c.urgent, c.status, c.created_at, c.accept_by, c.close_by, c.accepted_at, c.assigned_to,
         c.assigned_department, c.closed_at, c.rating,
         (c.status = 'submitted' and now() > c.accept_by) as accept_overdue,
         (c.status <> 'closed' and (now() at time zone 'Asia/Shanghai')::date > c.close_by) as close_overdue
    from public.complaints c
    left join public.institutions i on i.id = c.institution_id;
comment on view public.complaint_queue is '投诉办理队列：受理与办结期限、是否逾期';

revoke execute on function public.accept_complaint(uuid), public.assign_complaint(uuid, uuid, text, text),
  public.note_complaint(uuid, text, text), public.close_complaint(uuid, text, text), public.answer_complaint(uuid, text)
  from public, anon;
grant execute on function public.accept_complaint(uuid), public.assign_complaint(uuid, uuid, text, text),
  public.note_complaint(uuid, text, text), public.close_complaint(uuid, text, text), public.answer_complaint(uuid, text)
  to authenticated, service_role;
revoke execute on function public.submit_complaint(uuid, text, text, uuid, text, text, text, boolean, text[]),
  public.track_complaint(text), public.rate_complaint(text, integer, text, text) from public;
grant execute on function public.submit_complaint(uuid, text, text, uuid, text, text, text, boolean, text[]),
  public.track_complaint(text), public.rate_complaint(text, integer, text, text) to anon, authenticated, service_role;
revoke all on public.complaint_queue from anon;
grant select on public.complaint_queue to authenticated;
revoke execute on all functions in schema private from public;
grant execute on function private.my_complaint_ids() to authenticated, service_role;
grant execute on function private.complaint_key_used(text) to anon, authenticated, service_role;
