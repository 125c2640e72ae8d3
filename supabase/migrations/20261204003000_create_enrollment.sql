-- =============================================================================================
-- 入托网上约 Enrollment: requests for a place or a visit, offers with deadlines, placements
--   enrollment_settings   per-region settings (most specific wins; national default row):
--                         max open requests per child (3), offer response days (3)
--   enrollment_requests   a family's request for a place (kind = place) or a visit (kind = visit)
--   placements            a child placed in a class (from an accepted offer) until it leaves
--   class_vacancies       free places per class (capacity − enrolled) with their freshness; public
-- State machine (only these RPCs change a request; no API role writes the tables directly):
--   place:  pending ─offer_place→ offered ─accept_offer→ placed
--           pending|offered ─decline_request→ declined        (institution, with a reason)
--           offered ─decline_offer→ offer_declined             (family)
--           offered ─(deadline passed)→ lapsed                 (lapse_overdue_offers, or on access)
--           pending|offered ─withdraw_request→ withdrawn       (family; automatically on placement
--                                                                elsewhere or consent withdrawal)
--   visit:  pending ─mark_visit_done→ visited; declined / withdrawn as above
--   placement: active ─end_placement→ ended (left / graduated, with a date)
-- Guarantees: at most N open requests per child (setting of the institution's region), one open
-- request per child and institution, class type fits the child's age (class_type_rules of the
-- region), only filed institutions; an institution may offer more places than are free (a waiting
-- list), but accept_offer locks the class row, so a class never holds more placed children than
-- its capacity — acceptances that no longer fit get 名额已满 and the offer stays open. Every RPC
-- is idempotent for a retry of the same action and writes nothing when it refuses.
-- Errors: 42501 not allowed, 23514 state or rule, 22023 bad input, P0002 not found.
-- =============================================================================================

-- =============================================================================================
-- Tables
-- =============================================================================================

-- Settings -------------------------------------------------------------------------------------------
create table public.enrollment_settings (
  id bigint generated always as identity primary key,
  region_code text references public.regions (code) on delete cascade,
  max_open_requests smallint not null default 3 check (max_open_requests between 1 and 10),
  offer_response_days smallint not null default 3 check (offer_response_days between 1 and 14),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint enrollment_settings_unique unique nulls not distinct (region_code)
);
comment on table public.enrollment_settings is '入托申请设置（region_code 为空为全国默认，省/市/县可覆盖，最具体的生效）';
comment on column public.enrollment_settings.id is '主键';
comment on column public.enrollment_settings.region_code is '适用区划（空 = 全国）';
comment on column public.enrollment_settings.max_open_requests is '每名儿童同时进行中的入托申请上限';
comment on column public.enrollment_settings.offer_response_days is '录取后家长答复期限（天）';
comment on column public.enrollment_settings.created_at is '创建时间';
comment on column public.enrollment_settings.updated_at is '更新时间';
create index enrollment_settings_region_code_idx on public.enrollment_settings (region_code);
insert into public.enrollment_settings (region_code, max_open_requests, offer_response_days) values (null, 3, 3);

-- Requests ---------------------------------------------------------------------------------------------
create table public.enrollment_requests (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references public.children (id) on delete cascade,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  kind text not null default 'place' check (kind in ('place', 'visit')),
  class_type public.class_type,
  service public.service_type,
  wished_start date,
  visit_date date,
  note text check (length(note) <= 200),
  guardian_phone text,
  status text not null default 'pending'
    check (status in ('pending', 'offered', 'placed', 'declined', 'offer_declined', 'lapsed', 'withdrawn', 'visited')),
  class_id uuid references public.classes (id) on delete set null,
  offered_at timestamptz,
  offer_expires_at timestamptz,
  decided_at timestamptz,
  reason text check (length(reason) <= 200),
  requested_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint enrollment_requests_place_check check (kind <> 'place' or (class_type is not null and service is not null and wished_start is not null)),
  constraint enrollment_requests_visit_check check (kind <> 'visit' or visit_date is not null),
  constraint enrollment_requests_offer_check check (status <> 'offered' or (class_id is not null and offer_expires_at is not null))
);
comment on table public.enrollment_requests is '入托网上约：家长为儿童提交的入托申请或参观预约；状态只由 RPC 改变';
comment on column public.enrollment_requests.id is '主键';
comment on column public.enrollment_requests.child_id is '儿童ID';
comment on column public.enrollment_requests.institution_id is '申请的托育机构';
comment on column public.enrollment_requests.county_code is '机构所在县区代码';
comment on column public.enrollment_requests.kind is '类型：place 申请托位 / visit 参观预约';
comment on column public.enrollment_requests.class_type is '申请班型：infant 乳儿班 / toddler 托小班 / older_toddler 托大班 / mixed_age 混龄班';
comment on column public.enrollment_requests.service is '服务类型：full_day 全日托 / half_day 半日托 / hourly 计时托 / temporary 临时托';
comment on column public.enrollment_requests.wished_start is '希望入托月份（当月1日）';
comment on column public.enrollment_requests.visit_date is '参观日期';
comment on column public.enrollment_requests.note is '家长留言';
comment on column public.enrollment_requests.guardian_phone is '家长联系电话（经微信验证的手机号；仅申请的机构可见）';
comment on column public.enrollment_requests.status is '状态：pending 待处理 / offered 已录取待确认 / placed 已入托 / declined 未通过 / offer_declined 家长放弃 / lapsed 录取已过期 / withdrawn 已撤回 / visited 已参观';
comment on column public.enrollment_requests.class_id is '录取的班级';
comment on column public.enrollment_requests.offered_at is '录取时间';
comment on column public.enrollment_requests.offer_expires_at is '录取答复截止时间（默认3天）';
comment on column public.enrollment_requests.decided_at is '办结时间';
comment on column public.enrollment_requests.reason is '未通过、撤回或放弃的理由';
comment on column public.enrollment_requests.requested_by is '提交申请的监护人';
comment on column public.enrollment_requests.created_at is '提交时间（排队顺序）';
comment on column public.enrollment_requests.updated_at is '更新时间';
create index enrollment_requests_child_id_idx on public.enrollment_requests (child_id, status);
create index enrollment_requests_institution_id_idx on public.enrollment_requests (institution_id, status, created_at);
create index enrollment_requests_county_code_idx on public.enrollment_requests (county_code);
create index enrollment_requests_class_id_idx on public.enrollment_requests (class_id);
create index enrollment_requests_requested_by_idx on public.enrollment_requests (requested_by);
create index enrollment_requests_offer_expires_at_idx on public.enrollment_requests (offer_expires_at) where status = 'offered';
-- one open request per child, institution and kind
create unique index enrollment_requests_open_unique on public.enrollment_requests (child_id, institution_id, kind)
  where status in ('pending', 'offered');

-- Placements -------------------------------------------------------------------------------------------
create table public.placements (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references public.children (id) on delete cascade,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  class_id uuid references public.classes (id) on delete set null,
  request_id uuid unique references public.enrollment_requests (id) on delete set null,
  county_code text not null,
  service public.service_type not null default 'full_day',
  started_on date not null default current_date,
  ended_on date,
  end_reason text check (end_reason in ('left', 'graduated')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint placements_end_check check ((ended_on is null) = (end_reason is null) and (ended_on is null or ended_on >= started_on))
);
comment on table public.placements is '在托记录：家长接受录取后入托，机构办理离园（退托/毕业）时结束';
comment on column public.placements.id is '主键';
comment on column public.placements.child_id is '儿童ID';
comment on column public.placements.institution_id is '托育机构';
comment on column public.placements.class_id is '班级';
comment on column public.placements.request_id is '来源入托申请';
comment on column public.placements.county_code is '机构所在县区代码';
comment on column public.placements.service is '服务类型';
comment on column public.placements.started_on is '入托日期';
comment on column public.placements.ended_on is '离园日期';
comment on column public.placements.end_reason is '离园原因：left 退托 / graduated 毕业（升入幼儿园）';
comment on column public.placements.created_at is '创建时间';
comment on column public.placements.updated_at is '更新时间';
create index placements_child_id_idx on public.placements (child_id);
create index placements_institution_id_idx on public.placements (institution_id, ended_on);
create index placements_class_id_idx on public.placements (class_id);
create index placements_county_code_idx on public.placements (county_code);
-- a child is placed in one class at a time
create unique index placements_active_unique on public.placements (child_id) where ended_on is null;

-- Vacancies ------------------------------------------------------------------------------------------------
create view public.class_vacancies with (security_invoker = true) as
  select c.id as class_id, c.institution_id, c.name, c.class_type, c.min_age_months, c.max_age_months,
         c.capacity, c.enrolled, greatest(c.capacity - c.enrolled, 0) as vacancies, c.updated_at
    from public.classes c;
comment on view public.class_vacancies is '各班空余托位（托位数 − 在托人数）及更新时间；与班级同样公开';

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger enrollment_settings_touch_updated_at before update on public.enrollment_settings
  for each row execute function private.touch_updated_at();
create trigger enrollment_requests_touch_updated_at before update on public.enrollment_requests
  for each row execute function private.touch_updated_at();
create trigger placements_touch_updated_at before update on public.placements
  for each row execute function private.touch_updated_at();
create trigger enrollment_requests_audit after insert or update or delete on public.enrollment_requests
  for each row execute function private.audit_row();
create trigger placements_audit after insert or update or delete on public.placements
  for each row execute function private.audit_row();

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- Children with a request or a placement at one of my institutions (what an institution may read).
create function private.institution_child_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select r.child_id from public.enrollment_requests r
      join public.children c on c.id = r.child_id and c.anonymised_at is null
     where r.institution_id = any (array(select private.member_institution_ids()))
    union
    select p.child_id from public.placements p
      join public.children c on c.id = p.child_id and c.anonymised_at is null
     where p.institution_id = any (array(select private.member_institution_ids()));
end;
$$;
comment on function private.institution_child_ids() is '在本人所属机构有入托申请或在托记录的儿童ID（已匿名化的除外）';

create function private.enrollment_setting(county text) returns public.enrollment_settings
language sql
stable
security definer
set search_path = ''
as $$
  select s.* from public.enrollment_settings s
   where s.region_code is null or s.region_code in (county, substr(county, 1, 4) || '00000000', substr(county, 1, 2) || '0000000000')
   order by case when s.region_code = county then 0 when s.region_code like '____00000000' and s.region_code not like '__0000000000' then 1
                 when s.region_code is not null then 2 else 3 end
   limit 1
$$;
comment on function private.enrollment_setting(text) is '某县区生效的入托申请设置（县、市、省、全国依次覆盖）';

create function private.class_type_label(class_type text) returns text
language sql
immutable
set search_path = ''
as $$
  select case class_type when 'infant' then '乳儿班' when 'toddler' then '托小班'
                         when 'older_toddler' then '托大班' when 'mixed_age' then '混龄班' else class_type end
$$;

-- A request for the caller as a guardian (locked), or an error that says why not.
create function private.guardian_request(request uuid) returns public.enrollment_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.enrollment_requests;
begin
  select * into r from public.enrollment_requests x where x.id = request for update;
  if r.id is null or not r.child_id = any (array(select private.guarded_child_ids())) then
    raise exception '入托申请不存在' using errcode = 'P0002';
  end if;
  return r;
end;
$$;

-- A request for the caller as a member of its institution (locked).
create function private.institution_request(request uuid) returns public.enrollment_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.enrollment_requests;
begin
  select * into r from public.enrollment_requests x where x.id = request for update;
  if r.id is null or not r.institution_id = any (array(select private.member_institution_ids())) then
    raise exception '入托申请不存在或不属于本机构' using errcode = 'P0002';
  end if;
  return r;
end;
$$;

-- Offers whose deadline passed become lapsed (the family is told). Called by the RPCs that touch
-- offers and by lapse_overdue_offers (a schedule or the notices drain).
create function private.lapse_offers(only_request uuid default null) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  r record;
  n integer := 0;
begin
  for r in
    update public.enrollment_requests x set status = 'lapsed', decided_at = now(), reason = '逾期未确认'
     where x.status = 'offered' and x.offer_expires_at <= now() and (only_request is null or x.id = only_request)
    returning x.id, x.requested_by, x.institution_id, x.child_id
  loop
    perform private.notify(r.requested_by, null, 'offer_lapsed', r.id, '录取已过期',
      '您未在截止时间前确认录取，名额已释放。', 'features/family/pages/requests/index');
    perform private.notify(null, r.institution_id, 'offer_lapsed', r.id, '录取已过期', '家长未在截止时间前确认录取。');
    n := n + 1;
  end loop;
  return n;
end;
$$;
comment on function private.lapse_offers(uuid) is '把已过答复期限的录取标为过期并通知家长与机构';

-- Withdraw a child's open requests (except one); each institution and the family are told.
create function private.withdraw_open_requests(child uuid, except_request uuid, why text) returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  r record;
  n integer := 0;
begin
  for r in
    update public.enrollment_requests x set status = 'withdrawn', decided_at = now(), reason = why
     where x.child_id = child and x.status in ('pending', 'offered') and x.id is distinct from except_request
    returning x.id, x.institution_id, x.requested_by
  loop
    perform private.notify(null, r.institution_id, 'request_withdrawn', r.id, '入托申请已撤回', '家长的入托申请已撤回：' || why);
    if except_request is not null then
      perform private.notify(r.requested_by, null, 'request_withdrawn', r.id, '其他申请已自动撤回',
        '孩子已在其他机构入托，其余申请已自动撤回。', 'features/family/pages/requests/index');
    end if;
    n := n + 1;
  end loop;
  return n;
end;
$$;
comment on function private.withdraw_open_requests(uuid, uuid, text) is '撤回儿童进行中的其他申请，并通知各机构';

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.enrollment_settings enable row level security;
create policy enrollment_settings_select_public on public.enrollment_settings
  for select to anon, authenticated using (true);
create policy enrollment_settings_insert_admin on public.enrollment_settings
  for insert to authenticated
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy enrollment_settings_update_admin on public.enrollment_settings
  for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy enrollment_settings_delete_admin on public.enrollment_settings
  for delete to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
revoke all on public.enrollment_settings from anon, authenticated;
grant select on public.enrollment_settings to anon, authenticated;
grant insert (region_code, max_open_requests, offer_response_days), update (max_open_requests, offer_response_days), delete
  on public.enrollment_settings to authenticated;

alter table public.enrollment_requests enable row level security;
create policy enrollment_requests_select_guardian on public.enrollment_requests
  for select to authenticated using (child_id = any (array(select private.guarded_child_ids())));
create policy enrollment_requests_select_member on public.enrollment_requests
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
revoke all on public.enrollment_requests from anon, authenticated;
grant select on public.enrollment_requests to authenticated;

alter table public.placements enable row level security;
create policy placements_select_guardian on public.placements
  for select to authenticated using (child_id = any (array(select private.guarded_child_ids())));
create policy placements_select_member on public.placements
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
revoke all on public.placements from anon, authenticated;
grant select on public.placements to authenticated;

-- An institution reads the children it has a request or a placement for (not anonymised ones).
create policy children_select_institution on public.children
  for select to authenticated
  using (id = any (array(select private.institution_child_ids())));

grant select on public.class_vacancies to anon, authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Family: request a place -------------------------------------------------------------------------------
create function public.request_enrollment(
  child uuid,
  institution uuid,
  class_type text,
  service text default 'full_day',
  wished_start date default null,
  note text default null
) returns public.enrollment_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  kid public.children;
  inst public.institutions;
  rule public.class_type_rules;
  setting public.enrollment_settings;
  start_month date := date_trunc('month', coalesce(wished_start, current_date))::date;
  age integer;
  open_count integer;
  result public.enrollment_requests;
begin
  if not child = any (array(select private.guarded_child_ids())) then
    raise exception '儿童不存在或您不是其监护人' using errcode = '42501';
  end if;
  if not private.has_child_consent(uid) then
    raise exception '请先阅读并同意《儿童个人信息处理告知书》' using errcode = '42501';
  end if;
  if class_type is null or class_type not in ('infant', 'toddler', 'older_toddler', 'mixed_age') then
    raise exception '请选择班型' using errcode = '22023';
  end if;
  if service is null or service not in ('full_day', 'half_day', 'hourly', 'temporary') then
    raise exception '请选择服务类型（全日托、半日托、计时托或临时托）' using errcode = '22023';
  end if;
  if start_month < date_trunc('month', current_date) or start_month > current_date + interval '12 months' then
    raise exception '希望入托月份应在本月起12个月内' using errcode = '22023';
  end if;
  -- the child is locked: two requests of one child are checked one after the other
  select * into kid from public.children c where c.id = child for update;
  -- a retry of the same request returns it
  select * into result from public.enrollment_requests r
   where r.child_id = child and r.institution_id = institution and r.kind = 'place' and r.status in ('pending', 'offered');
  if found then
    if result.class_type = request_enrollment.class_type::public.class_type then
      return result;
    end if;
    raise exception '已向该机构提交过入托申请（每个机构只能有一份进行中的申请）' using errcode = '23514';
  end if;
  select * into inst from public.institutions i where i.id = institution;
  if inst.id is null or inst.status <> 'filed' then
    raise exception '该机构未备案或已暂停服务，暂不能申请' using errcode = '23514';
  end if;
  if not service::public.service_type = any (inst.services) then
    raise exception '该机构不提供所选服务类型' using errcode = '23514';
  end if;
  if exists (select 1 from public.placements p where p.child_id = child and p.ended_on is null) then
    raise exception '孩子已在托，如需转园请先办理离园' using errcode = '23514';
  end if;
  select * into rule from public.class_type_rules r
   where r.class_type = request_enrollment.class_type::public.class_type
     and (r.region_code is null or r.region_code in (inst.county_code, inst.city_code, inst.province_code))
   order by case when r.region_code = inst.county_code then 0 when r.region_code = inst.city_code then 1
                 when r.region_code = inst.province_code then 2 else 3 end
   limit 1;
  age := public.age_in_months(kid.birth_date, greatest(start_month, current_date));
  if age < rule.min_age_months or age >= rule.max_age_months then
    raise exception '%招收%～%月龄婴幼儿，孩子届时%个月，请选择适合的班型',
      private.class_type_label(class_type), rule.min_age_months, rule.max_age_months, age using errcode = '23514';
  end if;
  if not exists (select 1 from public.classes c where c.institution_id = institution and c.class_type = request_enrollment.class_type::public.class_type) then
    raise exception '该机构没有%', private.class_type_label(class_type) using errcode = '23514';
  end if;
  setting := private.enrollment_setting(inst.county_code);
  select count(*) into open_count from public.enrollment_requests r
   where r.child_id = child and r.kind = 'place' and r.status in ('pending', 'offered');
  if open_count >= setting.max_open_requests then
    raise exception '每名儿童最多同时有%份进行中的入托申请，请先撤回其他申请', setting.max_open_requests using errcode = '23514';
  end if;
  insert into public.enrollment_requests (child_id, institution_id, county_code, kind, class_type, service, wished_start, note,
                                          guardian_phone, requested_by)
  values (child, institution, inst.county_code, 'place', class_type::public.class_type, service::public.service_type, start_month, nullif(btrim(note), ''),
          (select w.phone from public.wechat_identities w where w.user_id = uid), uid)
  returning * into result;
  perform private.notify(null, institution, 'request_received', result.id, '新的入托申请',
    private.class_type_label(class_type) || '，孩子' || age || '个月，希望' || to_char(start_month, 'YYYY年MM月') || '入托');
  return result;
end;
$$;
comment on function public.request_enrollment(uuid, uuid, text, text, date, text) is '家长为儿童申请托位（班型须适合月龄；每名儿童进行中申请数有上限；每机构一份；重复提交返回同一申请）';

-- Family: request a visit -------------------------------------------------------------------------------
create function public.request_visit(child uuid, institution uuid, visit_date date, note text default null)
returns public.enrollment_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  inst public.institutions;
  result public.enrollment_requests;
begin
  if not child = any (array(select private.guarded_child_ids())) then
    raise exception '儿童不存在或您不是其监护人' using errcode = '42501';
  end if;
  if not private.has_child_consent(uid) then
    raise exception '请先阅读并同意《儿童个人信息处理告知书》' using errcode = '42501';
  end if;
  if visit_date is null or visit_date <= current_date or visit_date > current_date + 60 then
    raise exception '参观日期应在明天起60天内' using errcode = '22023';
  end if;
  perform 1 from public.children c where c.id = child for update;
  select * into result from public.enrollment_requests r
   where r.child_id = child and r.institution_id = institution and r.kind = 'visit' and r.status = 'pending';
  if found then
    if result.visit_date = request_visit.visit_date then
      return result;
    end if;
    raise exception '已预约参观该机构（%），如需改期请先取消', to_char(result.visit_date, 'YYYY-MM-DD') using errcode = '23514';
  end if;
  select * into inst from public.institutions i where i.id = institution;
  if inst.id is null or inst.status <> 'filed' then
    raise exception '该机构未备案或已暂停服务，暂不能预约' using errcode = '23514';
  end if;
  insert into public.enrollment_requests (child_id, institution_id, county_code, kind, visit_date, note, guardian_phone, requested_by)
  values (child, institution, inst.county_code, 'visit', visit_date, nullif(btrim(note), ''),
          (select w.phone from public.wechat_identities w where w.user_id = uid), uid)
  returning * into result;
  perform private.notify(null, institution, 'visit_requested', result.id, '新的参观预约', '参观日期 ' || to_char(visit_date, 'YYYY-MM-DD'));
  return result;
end;
$$;
comment on function public.request_visit(uuid, uuid, date, text) is '家长预约参观机构（明天起60天内；重复提交返回同一预约）';

-- Institution: offer a place -------------------------------------------------------------------------------
create function public.offer_place(request uuid, class uuid, respond_by timestamptz default null)
returns public.enrollment_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.enrollment_requests := private.institution_request(request);
  cl public.classes;
  kid public.children;
  age integer;
  deadline timestamptz;
begin
  if r.kind <> 'place' then
    raise exception '参观预约不能录取' using errcode = '23514';
  end if;
  if r.status = 'offered' and r.class_id = class then
    return r; -- retry
  end if;
  if r.status <> 'pending' then
    raise exception '该申请已办结（%），不能录取', r.status using errcode = '23514';
  end if;
  select * into cl from public.classes c where c.id = class;
  if cl.id is null or cl.institution_id <> r.institution_id then
    raise exception '班级不存在或不属于本机构' using errcode = '22023';
  end if;
  select * into kid from public.children c where c.id = r.child_id;
  age := public.age_in_months(kid.birth_date, greatest(r.wished_start, current_date));
  if age < cl.min_age_months or age >= cl.max_age_months then
    raise exception '%招收%～%月龄，孩子届时%个月', cl.name, cl.min_age_months, cl.max_age_months, age using errcode = '23514';
  end if;
  deadline := coalesce(respond_by, now() + (private.enrollment_setting(r.county_code)).offer_response_days * interval '1 day');
  if deadline <= now() or deadline > now() + interval '30 days' then
    raise exception '答复期限应在30天内' using errcode = '22023';
  end if;
  update public.enrollment_requests x
     set status = 'offered', class_id = class, offered_at = now(), offer_expires_at = deadline
   where x.id = r.id returning * into r;
  perform private.notify(r.requested_by, null, 'offer_received', r.id, '收到录取通知',
    cl.name || '已为孩子保留名额，请在' || to_char(deadline at time zone 'Asia/Shanghai', 'MM月DD日HH24:MI') || '前确认。',
    'features/family/pages/requests/index',
    jsonb_build_object('class', cl.name, 'deadline', to_char(deadline at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')));
  return r;
end;
$$;
comment on function public.offer_place(uuid, uuid, timestamptz) is '机构录取：为申请分配班级并给出答复期限（默认3天；可超出空位录取，入托时以空位为准）';

-- Institution: decline a request -----------------------------------------------------------------------------
create function public.decline_request(request uuid, reason text) returns public.enrollment_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.enrollment_requests := private.institution_request(request);
begin
  if r.status = 'declined' then
    return r;
  end if;
  if r.status not in ('pending', 'offered') then
    raise exception '该申请已办结，不能拒绝' using errcode = '23514';
  end if;
  if reason is null or length(btrim(reason)) < 2 then
    raise exception '请填写不予录取的理由' using errcode = '22023';
  end if;
  update public.enrollment_requests x set status = 'declined', decided_at = now(), reason = left(btrim(decline_request.reason), 200)
   where x.id = r.id returning * into r;
  perform private.notify(r.requested_by, null, 'request_declined', r.id,
    case when r.kind = 'visit' then '参观预约未能安排' else '入托申请未通过' end, '理由：' || r.reason,
    'features/family/pages/requests/index');
  return r;
end;
$$;
comment on function public.decline_request(uuid, text) is '机构拒绝入托申请或参观预约（须填写理由，家长收到通知）';

create function public.mark_visit_done(request uuid) returns public.enrollment_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.enrollment_requests := private.institution_request(request);
begin
  if r.kind <> 'visit' then
    raise exception '只有参观预约可以标记为已参观' using errcode = '23514';
  end if;
  if r.status = 'visited' then
    return r;
  end if;
  if r.status <> 'pending' then
    raise exception '该预约已办结' using errcode = '23514';
  end if;
  if r.visit_date > current_date then
    raise exception '参观日期未到' using errcode = '23514';
  end if;
  update public.enrollment_requests x set status = 'visited', decided_at = now() where x.id = r.id returning * into r;
  perform private.notify(r.requested_by, null, 'visit_done', r.id, '参观已完成', '感谢参观，欢迎为机构评价。',
    'features/family/pages/requests/index');
  return r;
end;
$$;
comment on function public.mark_visit_done(uuid) is '机构标记参观已完成（之后家长可评价）';

-- Family: accept an offer ------------------------------------------------------------------------------------
create function public.accept_offer(request uuid) returns public.placements
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.enrollment_requests := private.guardian_request(request);
  cl public.classes;
  result public.placements;
begin
  if r.status = 'placed' then
    select * into result from public.placements p where p.request_id = r.id;
    return result; -- retry
  end if;
  if r.status = 'offered' and r.offer_expires_at <= now() then
    raise exception '录取已过期（答复截止 %），请重新申请', to_char(r.offer_expires_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
      using errcode = '23514';
  end if;
  if r.status <> 'offered' then
    raise exception '该申请没有待确认的录取' using errcode = '23514';
  end if;
  if exists (select 1 from public.placements p where p.child_id = r.child_id and p.ended_on is null) then
    raise exception '孩子已在托' using errcode = '23514';
  end if;
  -- the class row lock: acceptances of one class run one after the other
  select * into cl from public.classes c where c.id = r.class_id for update;
  if cl.id is null then
    raise exception '录取的班级已不存在，请联系机构' using errcode = '23514';
  end if;
  if cl.enrolled >= cl.capacity then
    raise exception '名额已满：%的托位已被占满，您的录取仍保留到截止时间，有空位时可再次确认', cl.name using errcode = '23514';
  end if;
  update public.classes c set enrolled = c.enrolled + 1 where c.id = cl.id;
  insert into public.placements (child_id, institution_id, class_id, request_id, county_code, service, started_on)
  values (r.child_id, r.institution_id, cl.id, r.id, r.county_code, r.service, greatest(r.wished_start, current_date))
  returning * into result;
  update public.enrollment_requests x set status = 'placed', decided_at = now() where x.id = r.id;
  perform private.withdraw_open_requests(r.child_id, r.id, '孩子已在其他机构入托');
  perform private.notify(null, r.institution_id, 'offer_accepted', r.id, '家长已确认入托', cl.name || '新增1名在托儿童');
  return result;
end;
$$;
comment on function public.accept_offer(uuid) is '家长接受录取：锁定班级，有空位则入托（在托人数+1，其他申请自动撤回并通知各机构），否则报“名额已满”且录取保留';

create function public.decline_offer(request uuid, reason text default null) returns public.enrollment_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.enrollment_requests := private.guardian_request(request);
begin
  if r.status = 'offer_declined' then
    return r;
  end if;
  if r.status <> 'offered' then
    raise exception '该申请没有待确认的录取' using errcode = '23514';
  end if;
  update public.enrollment_requests x
     set status = 'offer_declined', decided_at = now(), reason = left(nullif(btrim(decline_offer.reason), ''), 200)
   where x.id = r.id returning * into r;
  perform private.notify(null, r.institution_id, 'offer_declined', r.id, '家长放弃录取', coalesce('理由：' || r.reason, '家长放弃了录取名额'));
  return r;
end;
$$;
comment on function public.decline_offer(uuid, text) is '家长放弃录取';

create function public.withdraw_request(request uuid, reason text default null) returns public.enrollment_requests
language plpgsql
security definer
set search_path = ''
as $$
declare
  r public.enrollment_requests := private.guardian_request(request);
begin
  if r.status = 'withdrawn' then
    return r;
  end if;
  if r.status not in ('pending', 'offered') then
    raise exception '该申请已办结，不能撤回' using errcode = '23514';
  end if;
  update public.enrollment_requests x
     set status = 'withdrawn', decided_at = now(), reason = coalesce(left(nullif(btrim(withdraw_request.reason), ''), 200), '家长撤回')
   where x.id = r.id returning * into r;
  perform private.notify(null, r.institution_id, 'request_withdrawn', r.id, '入托申请已撤回', '家长撤回了申请');
  return r;
end;
$$;
comment on function public.withdraw_request(uuid, text) is '家长撤回进行中的入托申请或参观预约';

-- Institution: end a placement ------------------------------------------------------------------------------
create function public.end_placement(placement uuid, ended_on date, reason text) returns public.placements
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
    if p.ended_on = end_placement.ended_on and p.end_reason = reason then
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
  update public.placements x set ended_on = end_placement.ended_on, end_reason = reason where x.id = p.id returning * into p;
  perform private.notify((select r.requested_by from public.enrollment_requests r where r.id = p.request_id), null,
    'placement_ended', p.request_id, '离园手续已办理', '离园日期 ' || to_char(p.ended_on, 'YYYY-MM-DD') || '，欢迎为机构评价。',
    'features/family/pages/requests/index');
  return p;
end;
$$;
comment on function public.end_placement(uuid, date, text) is '机构办理离园（退托或毕业），在托人数−1';

-- Deadlines ------------------------------------------------------------------------------------------------
create function public.lapse_overdue_offers() returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  n integer := private.lapse_offers(null);
  r record;
begin
  -- remind once, 24 hours before the deadline
  for r in
    select x.id, x.requested_by, x.offer_expires_at from public.enrollment_requests x
     where x.status = 'offered' and x.offer_expires_at <= now() + interval '24 hours'
       and not exists (select 1 from public.notices n where n.request_id = x.id and n.kind = 'offer_lapsing')
  loop
    perform private.notify(r.requested_by, null, 'offer_lapsing', r.id, '录取即将过期',
      '请在' || to_char(r.offer_expires_at at time zone 'Asia/Shanghai', 'MM月DD日HH24:MI') || '前确认入托。',
      'features/family/pages/requests/index');
  end loop;
  return n;
end;
$$;
comment on function public.lapse_overdue_offers() is '处理到期录取（标为过期并通知）及24小时内到期的提醒；由定时任务或消息发送函数调用';

-- County and above: counts only -------------------------------------------------------------------------
create function public.enrollment_counts(county text default null)
returns table (institution_id uuid, institution_name text, county_code text, pending bigint, offered bigint,
               placed bigint, visits bigint)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is null then
    raise exception '请先登录' using errcode = '42501';
  end if;
  return query
    select i.id, i.name, i.county_code,
           count(*) filter (where r.kind = 'place' and r.status = 'pending'),
           count(*) filter (where r.kind = 'place' and r.status = 'offered'),
           (select count(*) from public.placements p where p.institution_id = i.id and p.ended_on is null),
           count(*) filter (where r.kind = 'visit')
      from public.institutions i
      left join public.enrollment_requests r on r.institution_id = i.id
     where i.county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin,inspector}')))
       and (county is null or i.county_code = county)
     group by i.id, i.name, i.county_code
     order by i.county_code, i.name;
end;
$$;
comment on function public.enrollment_counts(text) is '县级及以上：辖区内各机构的入托申请与在托人数（只有统计，没有儿童信息）';
