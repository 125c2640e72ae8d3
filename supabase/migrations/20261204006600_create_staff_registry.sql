-- =============================================================================================
-- 从业人员登记 Staff registry: national ID numbers, certificate expiry, duplicates, certified rate
--
-- ID numbers (居民身份证号) — readable only by the institution and its county, yet comparable:
--   private.staff_identities   one row per staff row that has an ID number:
--                              id_hash   = HMAC-SHA256(normalised number, key)  → duplicates
--                              id_cipher = pgp_sym_encrypt(number, key)         → the full number
--                              id_masked = first 6 + ******** + last 4           → lists
--   private.secrets            the keys, generated once per database by this migration (never in
--                              the repository). Nobody but the owner reads the private schema;
--                              backups of the database carry the keys, so guard them like the data.
--   The API reaches them only through the functions below:
--     set_staff_id_number(staff, id_number)  the institution's members and its county admin
--     staff_id_number(staff)                 the full number, same people (each read is audited)
--     staff_id_overview(institution)         masked numbers; for county admins also how many other
--                                            institutions list the same person
--     staff_duplicate_warnings()             county admins: people listed at two institutions at once
--   An operator is never told that a number exists elsewhere (that would let anyone holding an
--   institution account probe for people's employers).
--
-- Certified-staff rate (持证上岗率) = care staff (role carer or teacher) holding a care certificate
-- (保育师 nursery_carer, 育婴员 infant_carer, 幼儿园教师资格 kindergarten_teacher) that has not expired
-- on the date ÷ care staff. public.staff_certification_rates(region_code, on_date) returns it per
-- institution (filed institutions), public.certified_staff_rate(region_code, on_date) for a region.
-- Both are security invoker: callers see what row security lets them see; definer functions (the
-- indicators) may call them to compute public figures.
-- =============================================================================================

create table private.secrets (
  name text primary key,
  value bytea not null,
  created_at timestamptz not null default now()
);
comment on table private.secrets is '数据库内密钥（身份证号 HMAC 与加密），迁移时随机生成，不进入代码仓库';
revoke all on private.secrets from public, anon, authenticated;
insert into private.secrets (name, value) values
  ('staff_id_hmac', extensions.gen_random_bytes(32)),
  ('staff_id_encryption', extensions.gen_random_bytes(32))
on conflict (name) do nothing;

create function private.secret(secret_name text) returns bytea
language sql
stable
security definer
set search_path = ''
as $$ select s.value from private.secrets s where s.name = secret_name $$;
revoke execute on function private.secret(text) from public;

-- Staff: certificate expiry ---------------------------------------------------------------------------
alter table public.staff add column certificate_expires_on date;
comment on column public.staff.certificate_expires_on is '资格证书有效期至（空 = 长期有效）';

create table private.staff_identities (
  staff_id uuid primary key references public.staff (id) on delete cascade,
  id_hash text not null,
  id_cipher bytea not null,
  id_masked text not null,
  updated_at timestamptz not null default now()
);
comment on table private.staff_identities is '从业人员身份证号：HMAC（查重）、加密全文（仅机构与属地县级卫健部门经函数读取）、打码';
create index staff_identities_id_hash_idx on private.staff_identities (id_hash);
revoke all on private.staff_identities from public, anon, authenticated;

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- GB 11643 check digit of an 18-digit ID number.
create function private.valid_id_number(id_number text) returns boolean
language plpgsql
immutable
set search_path = ''
as $$
declare
  weights integer[] := array[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  checks text := '10X98765432';
  total integer := 0;
begin
  if id_number is null or id_number !~ '^[0-9]{17}[0-9X]$' then
    return false;
  end if;
  for i in 1..17 loop
    total := total + substr(id_number, i, 1)::integer * weights[i];
  end loop;
  return substr(checks, total % 11 + 1, 1) = substr(id_number, 18, 1);
end;
$$;
comment on function private.valid_id_number(text) is '居民身份证号校验（18位，GB 11643 校验码）';

-- The staff row, if the caller may manage it (its institution's members, its county admin).
create function private.writable_staff(staff uuid) returns public.staff
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  s public.staff%rowtype;
begin
  select * into s from public.staff x where x.id = staff;
  if s.id is null or not private.can_write_institution(s.institution_id) then
    raise exception '从业人员不存在' using errcode = 'P0002';
  end if;
  return s;
end;
$$;

-- Store a validated, normalised number (the public function checks the caller; seeds call this).
create function private.store_staff_id_number(staff uuid, normalised text) returns void
language sql
volatile
security definer
set search_path = ''
as $$
  insert into private.staff_identities (staff_id, id_hash, id_cipher, id_masked)
  values (staff,
          encode(extensions.hmac(convert_to(normalised, 'UTF8'), private.secret('staff_id_hmac'), 'sha256'), 'hex'),
          extensions.pgp_sym_encrypt(normalised, encode(private.secret('staff_id_encryption'), 'hex')),
          left(normalised, 6) || '********' || right(normalised, 4))
  on conflict (staff_id) do update
    set id_hash = excluded.id_hash, id_cipher = excluded.id_cipher, id_masked = excluded.id_masked, updated_at = now()
$$;
comment on function private.store_staff_id_number(uuid, text) is '保存身份证号的 HMAC、密文与打码（调用方负责权限与校验）';

-- =============================================================================================
-- Functions
-- =============================================================================================

create function public.set_staff_id_number(staff uuid, id_number text) returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  s public.staff%rowtype;
  normalised text := upper(regexp_replace(coalesce(id_number, ''), '\s', '', 'g'));
begin
  s := private.writable_staff(staff);
  if normalised = '' then
    delete from private.staff_identities i where i.staff_id = s.id;
    return null;
  end if;
  if not private.valid_id_number(normalised) then
    raise exception '身份证号格式不正确：应为18位，最后一位可为X，且校验码正确' using errcode = '22023';
  end if;
  perform private.store_staff_id_number(s.id, normalised);
  insert into public.audit_log (actor_id, actor_role, table_name, row_id, action, region_code, institution_id, old_data, new_data)
  values ((select auth.uid()), coalesce(nullif(current_setting('role', true), 'none'), session_user), 'staff_identities',
          s.id::text, 'UPDATE', s.county_code, s.institution_id, null,
          jsonb_build_object('id_number_masked', left(normalised, 6) || '********' || right(normalised, 4)));
  return left(normalised, 6) || '********' || right(normalised, 4);
end;
$$;
comment on function public.set_staff_id_number(uuid, text) is '登记或清除从业人员身份证号（本机构账号或属地县级卫健部门）；返回打码后的号码';

create function public.staff_id_number(staff uuid) returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  s public.staff%rowtype;
  result text;
begin
  s := private.writable_staff(staff);
  select extensions.pgp_sym_decrypt(i.id_cipher, encode(private.secret('staff_id_encryption'), 'hex'))
    into result from private.staff_identities i where i.staff_id = s.id;
  if result is not null then
    insert into public.audit_log (actor_id, actor_role, table_name, row_id, action, region_code, institution_id, old_data, new_data)
    values ((select auth.uid()), coalesce(nullif(current_setting('role', true), 'none'), session_user), 'staff_identities',
            s.id::text, 'UPDATE', s.county_code, s.institution_id, null, jsonb_build_object('read', 'id_number'));
  end if;
  return result;
end;
$$;
comment on function public.staff_id_number(uuid) is '查看从业人员完整身份证号（本机构账号或属地县级卫健部门；每次查看记入审计日志）';

create function public.staff_id_overview(institution uuid default null)
returns table (staff_id uuid, institution_id uuid, id_number_masked text, listed_elsewhere integer)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select s.id, s.institution_id, i.id_masked,
           case when private.has_scope(s.county_code, '{county_admin}') then
             (select count(distinct o.institution_id)::integer from private.staff_identities oi
                join public.staff o on o.id = oi.staff_id
               where oi.id_hash = i.id_hash and o.institution_id <> s.institution_id) end
      from public.staff s
      join private.staff_identities i on i.staff_id = s.id
     where (staff_id_overview.institution is null or s.institution_id = staff_id_overview.institution)
       and (s.institution_id = any (array(select private.member_institution_ids()))
            or s.county_code = any (array(select private.counties_in_scope('{county_admin}'))));
end;
$$;
comment on function public.staff_id_overview(uuid) is '从业人员打码身份证号（本机构账号与属地县级卫健部门）；县级卫健部门另见同一人在其他机构登记的数量';

create function public.staff_duplicate_warnings()
returns table (staff_id uuid, staff_name text, institution_id uuid, institution_name text, id_number_masked text,
               other_staff_id uuid, other_staff_name text, other_institution_id uuid, other_institution_name text,
               other_county_code text, other_county_name text)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select s.id, s.name, s.institution_id, inst.name, i.id_masked,
           o.id, o.name, o.institution_id, oinst.name, o.county_code, r.name
      from public.staff s
      join private.staff_identities i on i.staff_id = s.id
      join public.institutions inst on inst.id = s.institution_id
      join private.staff_identities oi on oi.id_hash = i.id_hash and oi.staff_id <> s.id
      join public.staff o on o.id = oi.staff_id and o.institution_id <> s.institution_id
      join public.institutions oinst on oinst.id = o.institution_id
      join public.regions r on r.code = o.county_code
     where s.county_code = any (array(select private.counties_in_scope('{county_admin}')))
       and inst.status not in ('cancelled', 'revoked') and oinst.status not in ('cancelled', 'revoked')
     order by inst.name, s.name, oinst.name;
end;
$$;
comment on function public.staff_duplicate_warnings() is '一人多机构登记预警：同一身份证号（HMAC 相同）同时登记在两家及以上机构（仅县级卫健部门，本县机构的人员）';

-- Certified-staff rate ------------------------------------------------------------------------------------
create function public.staff_certification_rates(region_code text, on_date date default current_date)
returns table (institution_id uuid, institution_name text, county_code text, care_staff integer,
               certified_staff integer, certified_staff_rate numeric)
language sql
stable
security invoker
set search_path = ''
as $$
  select i.id, i.name, i.county_code,
         count(s.id) filter (where s.role in ('carer', 'teacher'))::integer,
         count(s.id) filter (where s.role in ('carer', 'teacher')
                               and s.certificate_type in ('nursery_carer', 'infant_carer', 'kindergarten_teacher')
                               and (s.certificate_expires_on is null or s.certificate_expires_on >= on_date))::integer,
         round(count(s.id) filter (where s.role in ('carer', 'teacher')
                               and s.certificate_type in ('nursery_carer', 'infant_carer', 'kindergarten_teacher')
                               and (s.certificate_expires_on is null or s.certificate_expires_on >= on_date))::numeric
               / nullif(count(s.id) filter (where s.role in ('carer', 'teacher')), 0), 4)
    from public.institutions i
    left join public.staff s on s.institution_id = i.id
   where i.status = 'filed'
     and region_code in (i.province_code, i.city_code, i.county_code, i.street_code)
   group by i.id, i.name, i.county_code
   order by i.county_code, i.name
$$;
comment on function public.staff_certification_rates(text, date) is '持证上岗率（按机构）：保育人员（carer、teacher）中持有有效保育师、育婴员或幼儿园教师资格证书者 ÷ 保育人员；无保育人员时为空。区划内已备案机构，受行级安全限制';

create function public.certified_staff_rate(region_code text, on_date date default current_date)
returns table (care_staff integer, certified_staff integer, certified_staff_rate numeric)
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(sum(r.care_staff), 0)::integer, coalesce(sum(r.certified_staff), 0)::integer,
         round(sum(r.certified_staff)::numeric / nullif(sum(r.care_staff), 0), 4)
    from public.staff_certification_rates(region_code, on_date) r
$$;
comment on function public.certified_staff_rate(text, date) is '区划持证上岗率 = Σ持证保育人员 ÷ Σ保育人员（已备案机构；无保育人员时为空）';

revoke execute on function private.valid_id_number(text), private.writable_staff(uuid),
  private.store_staff_id_number(uuid, text) from public;
revoke execute on function public.set_staff_id_number(uuid, text), public.staff_id_number(uuid),
  public.staff_id_overview(uuid), public.staff_duplicate_warnings(),
  public.staff_certification_rates(text, date), public.certified_staff_rate(text, date) from public, anon;
grant execute on function public.set_staff_id_number(uuid, text), public.staff_id_number(uuid),
  public.staff_id_overview(uuid), public.staff_duplicate_warnings() to authenticated, service_role;
grant execute on function public.staff_certification_rates(text, date), public.certified_staff_rate(text, date)
  to anon, authenticated, service_role;

insert into private.role_permissions (role, permission) values
  ('county_admin', 'staff.view_region'), ('city_admin', 'staff.view_region'), ('province_admin', 'staff.view_region')
on conflict do nothing;
