-- =============================================================================================
-- 家庭与儿童 Families: WeChat identities, privacy notices, guardian consent, children, guardians
--   wechat_identities    小程序用户（openid/unionid ↔ auth.users），只由 wechat-login 函数（服务端）写入
--   privacy_notices      隐私政策与《儿童个人信息处理告知书》，按版本保存，公开可读
--   guardian_consents    监护人单独同意记录（谁、何时、哪个版本、用于什么；可撤回）
--   children             儿童档案（姓名、出生日期、性别、证件号、健康信息）；未满14周岁，敏感个人信息
--   child_guardians      儿童与监护人（第一监护人可邀请第二监护人）
--   guardian_invites     邀请第二监护人的一次性邀请码
-- Rules (PIPL art. 28/29/31): a child is stored only after the guardian's separate consent to the
-- current child-information notice; withdrawing it removes the personal data of the children no
-- other consenting guardian keeps (name, ID number, health notes; birth date cut to the month),
-- and keeps only what statistics need. The full ID number is readable only by a guardian
-- (public.child_id_number); everyone else reads id_number_masked.
-- Who reads a child: its guardians; the members of an institution the child has a request or a
-- placement at (name, age, health notes); county and above only aggregates (no row access).
-- =============================================================================================

-- =============================================================================================
-- Tables
-- =============================================================================================

-- WeChat identities ----------------------------------------------------------------------------------
create table public.wechat_identities (
  user_id uuid primary key references auth.users (id) on delete cascade,
  app_id text not null check (length(app_id) between 1 and 64),
  openid text not null check (length(openid) between 1 and 128),
  unionid text check (length(unionid) between 1 and 128),
  phone text check (phone ~ '^\+?[0-9-]{5,20}$'),
  phone_verified_at timestamptz,
  created_at timestamptz not null default now(),
  last_login_at timestamptz not null default now(),
  constraint wechat_identities_openid_unique unique (app_id, openid)
);
comment on table public.wechat_identities is '微信小程序用户：openid（及 unionid）对应的账号；只由服务端登录函数写入';
comment on column public.wechat_identities.user_id is '用户ID（auth.users.id）';
comment on column public.wechat_identities.app_id is '小程序 AppID';
comment on column public.wechat_identities.openid is '用户在本小程序的 openid';
comment on column public.wechat_identities.unionid is '开放平台 unionid（有则保存）';
comment on column public.wechat_identities.phone is '经微信验证的手机号（用户通过“获取手机号”按钮授权）';
comment on column public.wechat_identities.phone_verified_at is '手机号验证时间';
comment on column public.wechat_identities.created_at is '首次登录时间';
comment on column public.wechat_identities.last_login_at is '最近登录时间';
create index wechat_identities_unionid_idx on public.wechat_identities (unionid);

-- Privacy notices ----------------------------------------------------------------------------------------
create table public.privacy_notices (
  version text primary key check (version ~ '^[0-9A-Za-z._-]{1,32}$'),
  kind text not null check (kind in ('privacy', 'child_information')),
  title text not null check (length(title) between 2 and 100),
  body text not null check (length(body) between 10 and 20000),
  effective_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
comment on table public.privacy_notices is '隐私政策与儿童个人信息处理告知书（按版本保存，同意记录引用版本）';
comment on column public.privacy_notices.version is '版本号';
comment on column public.privacy_notices.kind is '类型：privacy 小程序隐私政策 / child_information 儿童个人信息处理告知书（单独同意）';
comment on column public.privacy_notices.title is '标题';
comment on column public.privacy_notices.body is '正文';
comment on column public.privacy_notices.effective_at is '生效时间（同类型中已生效的最新版本为现行版本）';
comment on column public.privacy_notices.created_at is '创建时间';
create index privacy_notices_kind_effective_at_idx on public.privacy_notices (kind, effective_at desc);
insert into public.privacy_notices (version, kind, title, body, effective_at) values
  ('privacy-2026.1', 'privacy', '托育一件事小程序隐私保护指引',
   '我们只为提供托育服务查询、入托申请、评价和消息通知处理您的个人信息：微信登录标识（openid）用于识别您的账号；'
   '您主动授权的手机号用于机构联系您；位置信息只用于计算附近机构的距离，不会保存。您可以在“我的”中查看、更正或删除这些信息，'
   '也可以撤回授权。我们不会向与服务无关的第三方提供您的个人信息。', '2026-12-01 00:00+08'),
  ('child-2026.1', 'child_information', '儿童个人信息处理告知书',
   '根据《个人信息保护法》，不满十四周岁未成年人的个人信息属于敏感个人信息，处理前须取得监护人的单独同意。'
   '我们处理孩子的姓名、出生日期、性别、身份证号（选填）和健康信息（过敏、特殊需要、是否建立电子健康档案），'
   '仅用于：向您选择的托育机构提交入托申请或参观预约、机构照护孩子、评价。身份证号全文只有监护人可见；'
   '机构只能看到向其申请或在其托育的孩子的姓名、月龄和健康信息；卫健部门只看统计数字。'
   '您可以随时撤回同意：撤回后孩子的姓名、身份证号和健康信息将被删除，进行中的申请将被撤回，只保留不含个人身份的统计数据。',
   '2026-12-01 00:00+08');

-- Guardian consents ---------------------------------------------------------------------------------------
create table public.guardian_consents (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  notice_version text not null references public.privacy_notices (version),
  purpose text not null check (purpose in ('child_information')),
  granted_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  constraint guardian_consents_withdrawn_check check (withdrawn_at is null or withdrawn_at >= granted_at)
);
comment on table public.guardian_consents is '监护人单独同意记录：谁、何时、同意哪个版本的告知书、用于什么目的；撤回时记录撤回时间';
comment on column public.guardian_consents.id is '主键';
comment on column public.guardian_consents.user_id is '监护人用户ID';
comment on column public.guardian_consents.notice_version is '告知书版本';
comment on column public.guardian_consents.purpose is '目的：child_information 处理儿童个人信息（入托申请、机构照护所需）';
comment on column public.guardian_consents.granted_at is '同意时间';
comment on column public.guardian_consents.withdrawn_at is '撤回时间（为空表示仍有效）';
create index guardian_consents_user_id_idx on public.guardian_consents (user_id, purpose) where withdrawn_at is null;
create index guardian_consents_notice_version_idx on public.guardian_consents (notice_version);

-- Children -------------------------------------------------------------------------------------------------
create table public.children (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 32),
  birth_date date not null check (birth_date > date '2015-01-01'),
  sex text not null check (sex in ('female', 'male')),
  id_number text check (id_number ~ '^[0-9]{17}[0-9X]$'),
  id_number_masked text generated always as (
    case when id_number is not null then left(id_number, 6) || '********' || right(id_number, 4) end) stored,
  health_notes text check (length(health_notes) <= 500),
  has_health_record boolean not null default false,
  anonymised_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.children is '儿童档案（未满14周岁，敏感个人信息）：监护人可读写；有申请或在托的机构可读姓名、月龄、健康信息；县级以上只见统计';
comment on column public.children.id is '主键';
comment on column public.children.name is '姓名';
comment on column public.children.birth_date is '出生日期（月龄由此计算）';
comment on column public.children.sex is '性别：female 女 / male 男';
comment on column public.children.id_number is '居民身份证号（仅监护人可读全文：public.child_id_number）';
comment on column public.children.id_number_masked is '打码的身份证号（前6位+后4位）';
comment on column public.children.health_notes is '健康信息：过敏、特殊需要等';
comment on column public.children.has_health_record is '是否已建立婴幼儿电子健康档案';
comment on column public.children.anonymised_at is '匿名化时间（监护人撤回同意后删除个人信息，仅保留统计所需）';
comment on column public.children.created_by is '登记人（第一监护人）';
comment on column public.children.created_at is '创建时间';
comment on column public.children.updated_at is '更新时间';
create index children_created_by_idx on public.children (created_by);

-- Guardians --------------------------------------------------------------------------------------------------
create table public.child_guardians (
  child_id uuid not null references public.children (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  relation text not null default 'parent' check (relation in ('mother', 'father', 'parent', 'grandparent', 'other')),
  is_primary boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (child_id, user_id)
);
comment on table public.child_guardians is '儿童的监护人（第一监护人登记儿童，可邀请第二监护人）';
comment on column public.child_guardians.child_id is '儿童ID';
comment on column public.child_guardians.user_id is '监护人用户ID';
comment on column public.child_guardians.relation is '关系：mother 母亲 / father 父亲 / parent 父母 / grandparent 祖父母 / other 其他监护人';
comment on column public.child_guardians.is_primary is '是否第一监护人（可邀请其他监护人）';
comment on column public.child_guardians.created_at is '创建时间';
create index child_guardians_user_id_idx on public.child_guardians (user_id);

create table public.guardian_invites (
  id uuid primary key default gen_random_uuid(),
  child_id uuid not null references public.children (id) on delete cascade,
  code text not null unique check (code ~ '^[0-9A-Z]{8}$'),
  relation text not null default 'parent' check (relation in ('mother', 'father', 'parent', 'grandparent', 'other')),
  created_by uuid not null references auth.users (id) on delete cascade,
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_by uuid references auth.users (id) on delete set null,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.guardian_invites is '邀请第二监护人的邀请码（一次有效，7天过期）';
comment on column public.guardian_invites.id is '主键';
comment on column public.guardian_invites.child_id is '儿童ID';
comment on column public.guardian_invites.code is '邀请码（8位）';
comment on column public.guardian_invites.relation is '被邀请人与儿童的关系';
comment on column public.guardian_invites.created_by is '邀请人（第一监护人）';
comment on column public.guardian_invites.expires_at is '过期时间';
comment on column public.guardian_invites.accepted_by is '接受邀请的用户';
comment on column public.guardian_invites.accepted_at is '接受时间';
comment on column public.guardian_invites.created_at is '创建时间';
create index guardian_invites_child_id_idx on public.guardian_invites (child_id);
create index guardian_invites_created_by_idx on public.guardian_invites (created_by);
create index guardian_invites_accepted_by_idx on public.guardian_invites (accepted_by);

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- Age in whole months on a day (a child born on 1.31 is 1 month old on 2.28 and on 3.1).
create function public.age_in_months(birth date, on_day date default current_date) returns integer
language sql
immutable
parallel safe
set search_path = ''
as $$
  select (extract(year from age(on_day, birth)) * 12 + extract(month from age(on_day, birth)))::integer
$$;
comment on function public.age_in_months(date, date) is '某日的月龄（整月）';

create function private.guarded_child_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select g.child_id from public.child_guardians g where g.user_id = (select auth.uid());
end;
$$;
comment on function private.guarded_child_ids() is '当前用户监护的儿童ID';

create function private.current_notice_version(notice_kind text) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select n.version from public.privacy_notices n
   where n.kind = notice_kind and n.effective_at <= now()
   order by n.effective_at desc limit 1
$$;
comment on function private.current_notice_version(text) is '某类告知书的现行版本';

create function private.has_child_consent(guardian uuid default auth.uid()) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.guardian_consents c
     where c.user_id = guardian and c.purpose = 'child_information' and c.withdrawn_at is null);
end;
$$;
comment on function private.has_child_consent(uuid) is '该用户是否有有效的儿童个人信息处理单独同意';

-- Removes a child's personal data, keeping only what statistics need (sex, birth month, whether a
-- health record exists, requests and placements without names).
create function private.anonymise_child(child uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.children
     set name = '已删除', id_number = null, health_notes = null,
         birth_date = date_trunc('month', birth_date)::date, anonymised_at = now(), created_by = null
   where id = child and anonymised_at is null;
  delete from public.child_guardians where child_id = child;
  delete from public.guardian_invites where child_id = child;
end;
$$;
comment on function private.anonymise_child(uuid) is '删除儿童个人信息（姓名、证件号、健康信息；出生日期只留年月），保留匿名统计';

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger children_touch_updated_at before update on public.children
  for each row execute function private.touch_updated_at();

-- Consent before the first child; the creator becomes the primary guardian.
create function private.children_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- anonymised_at and created_by are not writable through the API (column grants): a change of
  -- them is private.anonymise_child at work, after the consent was withdrawn
  if tg_op = 'UPDATE' and new.anonymised_at is distinct from old.anonymised_at then
    return new;
  end if;
  if private.is_api_user() then
    if not private.has_child_consent((select auth.uid())) then
      raise exception '请先阅读并同意《儿童个人信息处理告知书》，再登记儿童信息' using errcode = '42501';
    end if;
    if tg_op = 'INSERT' then
      new.created_by := (select auth.uid());
      new.anonymised_at := null;
    elsif old.anonymised_at is not null then
      raise exception '该儿童信息已删除' using errcode = '23514';
    end if;
  end if;
  if new.birth_date > current_date then
    raise exception '出生日期不能晚于今天' using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger children_before_write before insert or update on public.children
  for each row execute function private.children_before_write();

create function private.children_after_insert() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into public.child_guardians (child_id, user_id, is_primary) values (new.id, new.created_by, true)
    on conflict do nothing;
  end if;
  return null;
end;
$$;
create trigger children_after_insert after insert on public.children
  for each row execute function private.children_after_insert();

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.wechat_identities enable row level security;
create policy wechat_identities_select_self on public.wechat_identities
  for select to authenticated using (user_id = (select auth.uid()));
revoke all on public.wechat_identities from anon, authenticated;
grant select (user_id, app_id, unionid, phone, phone_verified_at, created_at, last_login_at)
  on public.wechat_identities to authenticated;

alter table public.privacy_notices enable row level security;
create policy privacy_notices_select_public on public.privacy_notices
  for select to anon, authenticated using (true);
revoke all on public.privacy_notices from anon, authenticated;
grant select on public.privacy_notices to anon, authenticated;

alter table public.guardian_consents enable row level security;
create policy guardian_consents_select_self on public.guardian_consents
  for select to authenticated using (user_id = (select auth.uid()));
revoke all on public.guardian_consents from anon, authenticated;
grant select on public.guardian_consents to authenticated;

alter table public.children enable row level security;
create policy children_select_guardian on public.children
  for select to authenticated
  using (id = any (array(select private.guarded_child_ids())) or created_by = (select auth.uid()));
-- children_select_institution: 20261204002000 (once enrollment requests exist)
create policy children_insert_guardian on public.children
  for insert to authenticated with check (created_by = (select auth.uid()));
create policy children_update_guardian on public.children
  for update to authenticated
  using (id = any (array(select private.guarded_child_ids())))
  with check (id = any (array(select private.guarded_child_ids())));
revoke all on public.children from anon, authenticated;
-- the full ID number only through public.child_id_number (guardians)
-- nor who registered the child (institutions have no business with the guardian's account id)
grant select (id, name, birth_date, sex, id_number_masked, health_notes, has_health_record, anonymised_at,
  created_at, updated_at) on public.children to authenticated;
grant insert (id, name, birth_date, sex, id_number, health_notes, has_health_record) on public.children to authenticated;
grant update (name, birth_date, sex, id_number, health_notes, has_health_record) on public.children to authenticated;

alter table public.child_guardians enable row level security;
create policy child_guardians_select_guardian on public.child_guardians
  for select to authenticated using (child_id = any (array(select private.guarded_child_ids())));
revoke all on public.child_guardians from anon, authenticated;
grant select on public.child_guardians to authenticated;

alter table public.guardian_invites enable row level security;
create policy guardian_invites_select_guardian on public.guardian_invites
  for select to authenticated using (child_id = any (array(select private.guarded_child_ids())));
revoke all on public.guardian_invites from anon, authenticated;
grant select (id, child_id, code, relation, expires_at, accepted_at, created_at) on public.guardian_invites to authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Consent ---------------------------------------------------------------------------------------------------
create function public.give_consent(notice_version text) returns public.guardian_consents
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  current_version text := private.current_notice_version('child_information');
  result public.guardian_consents;
begin
  if uid is null then
    raise exception '请先登录' using errcode = '42501';
  end if;
  if notice_version is distinct from current_version then
    raise exception '告知书已更新（现行版本 %），请阅读后重新同意', current_version using errcode = '22023';
  end if;
  -- a double tap returns the consent already given
  select * into result from public.guardian_consents c
   where c.user_id = uid and c.purpose = 'child_information' and c.withdrawn_at is null
     and c.notice_version = give_consent.notice_version;
  if found then
    return result;
  end if;
  update public.guardian_consents c set withdrawn_at = now()
   where c.user_id = uid and c.purpose = 'child_information' and c.withdrawn_at is null;
  insert into public.guardian_consents (user_id, notice_version, purpose)
  values (uid, give_consent.notice_version, 'child_information') returning * into result;
  return result;
end;
$$;
comment on function public.give_consent(text) is '监护人单独同意现行版本的《儿童个人信息处理告知书》（重复调用返回同一条同意记录）';

-- Withdrawal: the children no other consenting guardian keeps lose their personal data; their open
-- requests are withdrawn (the institutions are told), placements stay for statistics, anonymised.
create function public.withdraw_consent() returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  child uuid;
  anonymised integer := 0;
begin
  if uid is null then
    raise exception '请先登录' using errcode = '42501';
  end if;
  update public.guardian_consents c set withdrawn_at = now()
   where c.user_id = uid and c.purpose = 'child_information' and c.withdrawn_at is null;
  for child in
    select g.child_id from public.child_guardians g where g.user_id = uid order by g.child_id for update
  loop
    delete from public.child_guardians g where g.child_id = child and g.user_id = uid;
    if not exists (select 1 from public.child_guardians g
                    where g.child_id = child and private.has_child_consent(g.user_id)) then
      perform private.withdraw_open_requests(child, null, '监护人撤回同意');
      perform private.anonymise_child(child);
      anonymised := anonymised + 1;
    end if;
  end loop;
  return jsonb_build_object('withdrawn', true, 'children_anonymised', anonymised);
end;
$$;
comment on function public.withdraw_consent() is '撤回儿童个人信息处理同意：无其他同意的监护人时删除儿童个人信息（保留匿名统计），撤回未完成的入托申请';

create function public.child_id_number(child uuid) returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not child = any (array(select private.guarded_child_ids())) then
    raise exception '只有监护人可以查看完整证件号' using errcode = '42501';
  end if;
  return (select c.id_number from public.children c where c.id = child);
end;
$$;
comment on function public.child_id_number(uuid) is '完整身份证号（仅监护人）';

-- Second guardian --------------------------------------------------------------------------------------------
create function public.invite_guardian(child uuid, relation text default 'parent') returns public.guardian_invites
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
  if (select count(*) from public.child_guardians g where g.child_id = child) >= 4 then
    raise exception '每名儿童最多4位监护人' using errcode = '23514';
  end if;
  -- a double tap returns the invite still open
  select * into result from public.guardian_invites i
   where i.child_id = child and i.created_by = uid and i.accepted_at is null and i.expires_at > now()
     and i.relation = invite_guardian.relation;
  if found then
    return result;
  end if;
  insert into public.guardian_invites (child_id, code, relation, created_by)
  values (child, upper(substr(md5(gen_random_uuid()::text || clock_timestamp()::text), 1, 8)),
          invite_guardian.relation, uid)
  returning * into result;
  return result;
end;
$$;
comment on function public.invite_guardian(uuid, text) is '第一监护人生成邀请码，邀请第二监护人（7天有效，一次有效）';

create function public.accept_guardian_invite(code text) returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  invite public.guardian_invites;
begin
  if uid is null then
    raise exception '请先登录' using errcode = '42501';
  end if;
  select * into invite from public.guardian_invites i where i.code = upper(btrim(accept_guardian_invite.code)) for update;
  if invite.id is null or invite.expires_at <= now() then
    raise exception '邀请码无效或已过期' using errcode = '22023';
  end if;
  if invite.accepted_at is not null then
    if invite.accepted_by = uid then
      return invite.child_id; -- retry
    end if;
    raise exception '邀请码已被使用' using errcode = '22023';
  end if;
  if not private.has_child_consent(uid) then
    raise exception '请先阅读并同意《儿童个人信息处理告知书》' using errcode = '42501';
  end if;
  insert into public.child_guardians (child_id, user_id, relation) values (invite.child_id, uid, invite.relation)
  on conflict do nothing;
  update public.guardian_invites i set accepted_by = uid, accepted_at = now() where i.id = invite.id;
  return invite.child_id;
end;
$$;
comment on function public.accept_guardian_invite(text) is '凭邀请码成为儿童的监护人（须已同意告知书）';
