-- =============================================================================================
-- 托育机构 Institutions core
--   institutions         one row per institution or family childcare point; filed ones are public
--   institution_sites    exact address and GCJ-02 coordinates (operator and county only)
--   institution_members  operators (owner/staff accounts) of an institution
--   class_type_rules     班型规则: national defaults (托育机构设置标准(试行)) with regional overrides
--   classes              班级 with size and carer-ratio limits enforced here
--   staff                从业人员: certificates, health certificate expiry, training
--   nearby_institutions  geo search for the mini-program (anon)
-- Public location: centres show their exact address; 家庭托育点 only their street and a point
-- rounded to ~1 km (public_address / public_lat / public_lng are derived, never written by clients).
-- =============================================================================================

-- =============================================================================================
-- Geo helpers (before the tables: an index on institutions uses earth_point)
-- =============================================================================================

-- earthdistance's own SQL functions resolve earth()/cube() through search_path on
-- PG15, so index expressions and search_path='' functions use these fully qualified copies.
create function private.earth_point(lat double precision, lng double precision) returns extensions.earth
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select extensions.cube(
           extensions.cube(
             extensions.cube(extensions.earth() * cos(radians(lat)) * cos(radians(lng))),
             extensions.earth() * cos(radians(lat)) * sin(radians(lng))),
           extensions.earth() * sin(radians(lat)))::extensions.earth
$$;
comment on function private.earth_point(double precision, double precision) is '经纬度 → earthdistance 坐标点（全限定，供索引与函数使用）';

create function private.earth_box_m(point extensions.earth, radius_m double precision) returns extensions.cube
language sql
immutable
strict
parallel safe
set search_path = ''
as $$ select extensions.cube_enlarge(point::extensions.cube, radius_m, 3) $$;

create function private.earth_distance_m(a extensions.earth, b extensions.earth) returns double precision
language sql
immutable
strict
parallel safe
set search_path = ''
as $$
  select case
    when extensions.cube_distance(a::extensions.cube, b::extensions.cube) / extensions.earth() >= 2 then pi() * extensions.earth()
    else 2 * extensions.earth() * asin(extensions.cube_distance(a::extensions.cube, b::extensions.cube) / (2 * extensions.earth()))
  end
$$;

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.institution_type as enum ('center', 'home_based');
comment on type public.institution_type is '机构类型：center 托育机构 / home_based 家庭托育点';
create type public.ownership as enum ('public', 'public_private_run', 'private_public_aided', 'private', 'soe_run');
comment on type public.ownership is '举办性质：public 公办 / public_private_run 公建民营 / private_public_aided 民办公助 / private 民办 / soe_run 国企领办';
create type public.operating_model as enum ('standalone', 'community', 'employer', 'kindergarten_class', 'medical', 'service_center');
comment on type public.operating_model is '运营模式：standalone 独立设置 / community 社区嵌入式 / employer 用人单位办托 / kindergarten_class 幼儿园托班 / medical 医疗机构办托 / service_center 综合服务中心';
create type public.service_type as enum ('full_day', 'half_day', 'hourly', 'temporary');
comment on type public.service_type is '服务类型：full_day 全日托 / half_day 半日托 / hourly 计时托 / temporary 临时托';
create type public.institution_status as enum ('draft', 'filed', 'suspended', 'cancelled', 'revoked');
comment on type public.institution_status is '机构状态：draft 未备案 / filed 已备案 / suspended 暂停运营 / cancelled 已注销 / revoked 撤销备案';
create type public.class_type as enum ('infant', 'toddler', 'older_toddler', 'mixed_age');
comment on type public.class_type is '班型：infant 乳儿班 / toddler 托小班 / older_toddler 托大班 / mixed_age 混龄班';
create type public.member_role as enum ('owner', 'staff');
comment on type public.member_role is '机构内角色：owner 负责人 / staff 工作人员';
create type public.institution_staff_role as enum ('director', 'carer', 'teacher', 'health_worker', 'cook', 'security', 'other');
comment on type public.institution_staff_role is '从业人员岗位：director 负责人 / carer 保育人员 / teacher 育婴教师 / health_worker 保健人员 / cook 炊事人员 / security 安保人员 / other 其他';
create type public.certificate_type as enum ('nursery_carer', 'infant_carer', 'kindergarten_teacher', 'nurse', 'doctor', 'dietitian', 'other');
comment on type public.certificate_type is '资格证书：nursery_carer 保育师 / infant_carer 育婴员 / kindergarten_teacher 幼儿园教师资格 / nurse 护士执业 / doctor 医师执业 / dietitian 营养师 / other 其他';

-- =============================================================================================
-- Tables
-- =============================================================================================

-- Institutions -----------------------------------------------------------------------------------
create table public.institutions (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 2 and 100),
  type public.institution_type not null default 'center',
  ownership public.ownership not null,
  operating_model public.operating_model not null,
  street_code text not null references public.regions (code),
  county_code text not null,
  city_code text not null,
  province_code text not null,
  public_address text,
  public_lat numeric(9, 6),
  public_lng numeric(9, 6),
  affordable boolean not null default false,
  services public.service_type[] not null default '{full_day}',
  meals_served boolean not null default false,
  opening_hours text check (length(opening_hours) <= 200),
  fee_items jsonb not null default '[]' check (jsonb_typeof(fee_items) = 'array'),
  prepayment_terms text check (length(prepayment_terms) <= 1000),
  contact_phone text check (contact_phone ~ '^\+?[0-9-]{5,20}$'),
  public_contact_phone text generated always as (
    case when type <> 'home_based' then contact_phone
         when length(contact_phone) >= 8 then left(contact_phone, 3) || '****' || right(contact_phone, 4) end) stored,
  description text check (length(description) <= 2000),
  status public.institution_status not null default 'draft',
  status_reason text check (length(status_reason) <= 1000),
  status_changed_at timestamptz,
  filing_no text unique,
  filed_at timestamptz,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.institutions is '托育机构（含家庭托育点）；已备案（filed）的机构对公众公开';
comment on column public.institutions.id is '主键';
comment on column public.institutions.name is '机构名称';
comment on column public.institutions.type is '类型：center 托育机构 / home_based 家庭托育点（≤5人，地址不公开）';
comment on column public.institutions.ownership is '举办性质：public 公办 / public_private_run 公建民营 / private_public_aided 民办公助 / private 民办 / soe_run 国企领办';
comment on column public.institutions.operating_model is '运营模式：standalone 独立设置 / community 社区嵌入式 / employer 用人单位办托 / kindergarten_class 幼儿园托班 / medical 医疗机构办托 / service_center 综合服务中心';
comment on column public.institutions.street_code is '所在街道（乡镇）区划代码';
comment on column public.institutions.county_code is '所在县区代码（由街道推导，触发器维护）';
comment on column public.institutions.city_code is '所在市代码（触发器维护）';
comment on column public.institutions.province_code is '所在省代码（触发器维护）';
comment on column public.institutions.public_address is '公开地址（家庭托育点仅显示街道名称；由 institution_sites 推导）';
comment on column public.institutions.public_lat is '公开纬度 GCJ-02（家庭托育点约1公里精度）';
comment on column public.institutions.public_lng is '公开经度 GCJ-02（家庭托育点约1公里精度）';
comment on column public.institutions.affordable is '是否普惠托育机构';
comment on column public.institutions.services is '服务类型：full_day 全日托 / half_day 半日托 / hourly 计时托 / temporary 临时托';
comment on column public.institutions.meals_served is '是否提供膳食（需食品经营许可）';
comment on column public.institutions.opening_hours is '开放时间';
comment on column public.institutions.fee_items is '收费项目清单 [{name 名称, amount 金额(元), unit 计费单位}]，不得收取清单外费用';
comment on column public.institutions.prepayment_terms is '预收费及退费规则';
comment on column public.institutions.contact_phone is '联系电话（家庭托育点多为个人手机：仅登录用户可读，公众读 public_contact_phone）';
comment on column public.institutions.public_contact_phone is '公开联系电话（托育机构同联系电话；家庭托育点打码，如 138****1234）';
comment on column public.institutions.description is '机构简介';
comment on column public.institutions.status is '状态：draft 未备案 / filed 已备案 / suspended 暂停运营 / cancelled 已注销 / revoked 撤销备案';
comment on column public.institutions.status_reason is '暂停或撤销备案的理由（县级卫健部门填写，对公众公开）';
comment on column public.institutions.status_changed_at is '县级卫健部门最近一次暂停、恢复或撤销的时间';
comment on column public.institutions.filing_no is '备案号（县区代码+年份+序号）';
comment on column public.institutions.filed_at is '备案时间';
comment on column public.institutions.created_by is '创建人（策略 institutions_select_creator 用于 insert … returning；API 角色不可读此列）';
comment on column public.institutions.created_at is '创建时间';
comment on column public.institutions.updated_at is '更新时间';

create index institutions_created_by_idx on public.institutions (created_by);
create index institutions_street_code_idx on public.institutions (street_code);
create index institutions_county_code_idx on public.institutions (county_code);
create index institutions_city_code_idx on public.institutions (city_code);
create index institutions_province_code_idx on public.institutions (province_code);
create index institutions_status_idx on public.institutions (status);
create index institutions_county_code_status_idx on public.institutions (county_code, status)
  include (id, created_by, city_code, province_code); -- county counts under RLS stay index-only
create index institutions_public_point_idx on public.institutions
  using gist (private.earth_point(public_lat::double precision, public_lng::double precision))
  where status = 'filed';

-- Institution members (operators) -----------------------------------------------------------------
create table public.institution_members (
  id bigint generated always as identity primary key,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  member_role public.member_role not null default 'staff',
  created_at timestamptz not null default now(),
  constraint institution_members_unique unique (institution_id, user_id)
);
comment on table public.institution_members is '机构账号（运营方）：可维护本机构信息、提交备案';
comment on column public.institution_members.id is '主键';
comment on column public.institution_members.institution_id is '机构ID';
comment on column public.institution_members.user_id is '用户ID';
comment on column public.institution_members.member_role is '机构内角色：owner 负责人 / staff 工作人员';
comment on column public.institution_members.created_at is '创建时间';
create index institution_members_user_id_idx on public.institution_members (user_id);

-- Exact location -----------------------------------------------------------------------------------
create table public.institution_sites (
  institution_id uuid primary key references public.institutions (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  address text not null check (length(btrim(address)) between 4 and 200),
  lat numeric(9, 6) not null check (lat between 3.5 and 53.6),
  lng numeric(9, 6) not null check (lng between 73.4 and 135.1),
  premises_note text check (length(premises_note) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.institution_sites is '机构精确地址与坐标（GCJ-02），仅机构与属地卫健部门可见';
comment on column public.institution_sites.institution_id is '机构ID';
comment on column public.institution_sites.city_code is '所在市代码（由县区代码推导）';
comment on column public.institution_sites.province_code is '所在省代码（由县区代码推导）';
comment on column public.institution_sites.county_code is '所在县区代码（触发器维护）';
comment on column public.institution_sites.address is '详细地址';
comment on column public.institution_sites.lat is '纬度（GCJ-02，范围 3.5–53.6）';
comment on column public.institution_sites.lng is '经度（GCJ-02，范围 73.4–135.1）';
comment on column public.institution_sites.premises_note is '场所说明（产权/租赁期限等）';
comment on column public.institution_sites.created_at is '创建时间';
comment on column public.institution_sites.updated_at is '更新时间';
create index institution_sites_city_code_idx on public.institution_sites (city_code);
create index institution_sites_province_code_idx on public.institution_sites (province_code);
create index institution_sites_county_code_idx on public.institution_sites (county_code);

-- Class type rules ------------------------------------------------------------------------------------
create table public.class_type_rules (
  id bigint generated always as identity primary key,
  class_type public.class_type not null,
  region_code text references public.regions (code) on delete cascade,
  min_age_months smallint not null check (min_age_months >= 0),
  max_age_months smallint not null check (max_age_months <= 36),
  max_size smallint not null check (max_size > 0),
  children_per_carer smallint not null check (children_per_carer > 0),
  basis text check (length(basis) <= 200),
  created_at timestamptz not null default now(),
  constraint class_type_rules_unique unique nulls not distinct (class_type, region_code),
  constraint class_type_rules_age_check check (min_age_months < max_age_months)
);
comment on table public.class_type_rules is '班型规则：月龄范围、班额上限、保育人员配比；region_code 为空为全国默认，地方可覆盖（如混龄班配比）';
comment on column public.class_type_rules.id is '主键';
comment on column public.class_type_rules.class_type is '班型：infant 乳儿班 / toddler 托小班 / older_toddler 托大班 / mixed_age 混龄班';
comment on column public.class_type_rules.region_code is '适用区划（空 = 全国）';
comment on column public.class_type_rules.min_age_months is '最小月龄';
comment on column public.class_type_rules.max_age_months is '最大月龄';
comment on column public.class_type_rules.max_size is '班额上限（人）';
comment on column public.class_type_rules.children_per_carer is '每名保育人员最多照护婴幼儿数（1:N 中的 N）';
comment on column public.class_type_rules.basis is '依据';
comment on column public.class_type_rules.created_at is '创建时间';
create index class_type_rules_region_code_idx on public.class_type_rules (region_code);

insert into public.class_type_rules (class_type, region_code, min_age_months, max_age_months, max_size, children_per_carer, basis) values
  ('infant', null, 6, 12, 10, 3, '托育机构设置标准（试行）2019'),
  ('toddler', null, 12, 24, 15, 5, '托育机构设置标准（试行）2019'),
  ('older_toddler', null, 24, 36, 20, 7, '托育机构设置标准（试行）2019'),
  ('mixed_age', null, 18, 36, 18, 6, '托育机构设置标准（试行）2019；配比由地方确定，默认1:6');

-- Classes ----------------------------------------------------------------------------------------------
create table public.classes (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  name text not null check (length(btrim(name)) between 1 and 50),
  class_type public.class_type not null,
  min_age_months smallint not null check (min_age_months >= 0),
  max_age_months smallint not null check (max_age_months <= 36),
  capacity smallint not null check (capacity > 0),
  enrolled smallint not null default 0 check (enrolled >= 0),
  carers smallint not null default 0 check (carers >= 0),
  institution_filed boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint classes_age_check check (min_age_months < max_age_months),
  constraint classes_enrolled_capacity_check check (enrolled <= capacity)
);
comment on table public.classes is '班级：班型、月龄范围、托位数（班额）、在托人数、保育人员数';
comment on column public.classes.id is '主键';
comment on column public.classes.institution_id is '机构ID';
comment on column public.classes.city_code is '所在市代码（由县区代码推导）';
comment on column public.classes.province_code is '所在省代码（由县区代码推导）';
comment on column public.classes.county_code is '所在县区代码（触发器维护）';
comment on column public.classes.name is '班级名称';
comment on column public.classes.class_type is '班型：infant 乳儿班 / toddler 托小班 / older_toddler 托大班 / mixed_age 混龄班';
comment on column public.classes.min_age_months is '招收最小月龄';
comment on column public.classes.max_age_months is '招收最大月龄';
comment on column public.classes.capacity is '托位数（班额）';
comment on column public.classes.enrolled is '在托人数';
comment on column public.classes.carers is '保育人员数';
comment on column public.classes.institution_filed is '所属机构是否已备案（触发器维护；已备案机构的班级对公众可见）';
comment on column public.classes.created_at is '创建时间';
comment on column public.classes.updated_at is '更新时间';
-- the public policy's column rides along the institution lookup (the 班级 embed of a list)
create index classes_institution_id_idx on public.classes (institution_id) include (institution_filed);
create index classes_city_code_idx on public.classes (city_code);
create index classes_province_code_idx on public.classes (province_code);
create index classes_county_code_idx on public.classes (county_code);

-- Staff ----------------------------------------------------------------------------------------------
create table public.staff (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  name text not null check (length(btrim(name)) between 1 and 50),
  role public.institution_staff_role not null,
  certificate_type public.certificate_type,
  certificate_no text check (length(certificate_no) <= 64),
  health_certificate_expires_on date,
  training_records jsonb not null default '[]' check (jsonb_typeof(training_records) = 'array'),
  employed_since date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint staff_certificate_check check ((certificate_type is null) = (certificate_no is null))
);
comment on table public.staff is '从业人员：岗位、资格证书、健康证、培训记录';
comment on column public.staff.id is '主键';
comment on column public.staff.institution_id is '机构ID';
comment on column public.staff.city_code is '所在市代码（由县区代码推导）';
comment on column public.staff.province_code is '所在省代码（由县区代码推导）';
comment on column public.staff.county_code is '所在县区代码（触发器维护）';
comment on column public.staff.name is '姓名';
comment on column public.staff.role is '岗位：director 负责人 / carer 保育人员 / teacher 育婴教师 / health_worker 保健人员 / cook 炊事人员 / security 安保人员 / other 其他';
comment on column public.staff.certificate_type is '资格证书：nursery_carer 保育师 / infant_carer 育婴员 / kindergarten_teacher 幼儿园教师资格 / nurse 护士执业 / doctor 医师执业 / dietitian 营养师 / other 其他';
comment on column public.staff.certificate_no is '证书编号';
comment on column public.staff.health_certificate_expires_on is '健康证有效期至';
comment on column public.staff.training_records is '培训记录 [{title 名称, date 日期, hours 学时}]';
comment on column public.staff.employed_since is '入职日期';
comment on column public.staff.created_at is '创建时间';
comment on column public.staff.updated_at is '更新时间';
create index staff_institution_id_idx on public.staff (institution_id);
create index staff_city_code_idx on public.staff (city_code);
create index staff_province_code_idx on public.staff (province_code);
create index staff_county_code_idx on public.staff (county_code);

-- =============================================================================================
-- Triggers
-- =============================================================================================

-- updated_at ---------------------------------------------------------------------------------------
create trigger institutions_touch_updated_at before update on public.institutions
  for each row execute function private.touch_updated_at();
create trigger institution_sites_touch_updated_at before update on public.institution_sites
  for each row execute function private.touch_updated_at();
create trigger classes_touch_updated_at before update on public.classes
  for each row execute function private.touch_updated_at();
create trigger staff_touch_updated_at before update on public.staff
  for each row execute function private.touch_updated_at();

-- Institutions: region codes from the street, protected columns ----------------------------------
-- For API users (not the service role, seeds or migrations):
-- * status 'filed', filing_no and filed_at come only from an approved filing: the update in
--   private.filings_after_decision runs one trigger level down (pg_trigger_depth() > 1), which no
--   client statement can reach; a county admin may only suspend and reinstate a filed institution.
-- * the filed fields (name, type, ownership, operating model, street, 普惠, meals, services, fee
--   list) of a filed or
--   suspended institution change through a change filing; the county admin may still correct them.
create function private.institutions_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  street public.regions%rowtype;
  site public.institution_sites%rowtype;
  from_decision boolean := pg_trigger_depth() > 1;
  is_county_admin boolean;
  changed text[];
begin
  select * into street from public.regions where code = new.street_code;
  if street.code is null or street.level <> 'street' then
    raise exception '所在街道（乡镇）代码无效：%', new.street_code using errcode = '23514',
      hint = '请选择街道（乡镇）级区划';
  end if;
  new.county_code := street.county_code;
  new.city_code := street.city_code;
  new.province_code := street.province_code;
  if not private.is_api_user() then
    return new;
  end if;
  is_county_admin := private.has_scope(coalesce(old.county_code, new.county_code), '{county_admin}');
  if tg_op = 'INSERT' then
    if new.status <> 'draft' or new.filing_no is not null or new.filed_at is not null then
      raise exception '新建机构只能是未备案状态：备案状态和备案号只能由备案审核通过产生' using errcode = '42501';
    end if;
  elsif not from_decision then
    if new.filing_no is distinct from old.filing_no or new.filed_at is distinct from old.filed_at
       or (new.status is distinct from old.status
           and not (is_county_admin and old.status in ('filed', 'suspended') and new.status in ('filed', 'suspended', 'revoked'))) then
      raise exception '机构的备案状态和备案号只能通过备案审核变更（县级卫健部门可暂停、恢复或撤销已备案机构）' using errcode = '42501';
    end if;
    if new.status is distinct from old.status then
      if new.status in ('suspended', 'revoked') and coalesce(length(btrim(new.status_reason)), 0) < 2 then
        raise exception '暂停或撤销备案须填写理由' using errcode = '23514';
      end if;
      new.status_changed_at := now();
      if new.status = 'filed' then
        new.status_reason := null;
      end if;
    elsif new.status_reason is distinct from old.status_reason and not is_county_admin then
      raise exception '暂停或撤销备案的理由只能由县级卫健部门填写' using errcode = '42501';
    end if;
    if old.status in ('filed', 'suspended') and not is_county_admin then
      changed := array_remove(array[
        case when new.name is distinct from old.name then '名称' end,
        case when new.type is distinct from old.type then '类型' end,
        case when new.ownership is distinct from old.ownership then '举办性质' end,
        case when new.operating_model is distinct from old.operating_model then '运营模式' end,
        case when new.street_code is distinct from old.street_code then '所在街道' end,
        case when new.affordable is distinct from old.affordable then '普惠性质' end,
        case when new.meals_served is distinct from old.meals_served then '膳食服务' end,
        case when new.services is distinct from old.services then '服务类型' end,
        case when new.fee_items is distinct from old.fee_items then '收费项目清单' end], null);
      if cardinality(changed) > 0 then
        raise exception '已备案机构的%须通过变更备案修改', array_to_string(changed, '、') using errcode = '42501',
          hint = '请发起变更备案，经县级卫健部门审核通过后生效';
      end if;
    end if;
  end if;
  -- the public location is derived from institution_sites, never written by clients: centres show
  -- the exact site, 家庭托育点 the street name and a point rounded to ~1 km (as
  -- private.refresh_public_location, which runs this trigger again after a site is written)
  new.created_by := case when tg_op = 'INSERT' then (select auth.uid()) else old.created_by end;
  select * into site from public.institution_sites s where s.institution_id = new.id;
  if site.institution_id is null then
    new.public_address := null;
    new.public_lat := null;
    new.public_lng := null;
  else
    new.public_address := case when new.type = 'home_based' then street.name else site.address end;
    new.public_lat := case when new.type = 'home_based' then round(site.lat, 2) else site.lat end;
    new.public_lng := case when new.type = 'home_based' then round(site.lng, 2) else site.lng end;
  end if;
  return new;
end;
$$;
create trigger institutions_before_write before insert or update on public.institutions
  for each row execute function private.institutions_before_write();

-- The creator of an institution (not a county admin entering the registry) becomes its owner.
create function private.institutions_after_insert() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is not null and private.is_api_user()
     and not private.has_scope(new.county_code, '{county_admin}') then
    insert into public.institution_members (institution_id, user_id, member_role)
    values (new.id, (select auth.uid()), 'owner')
    on conflict (institution_id, user_id) do nothing;
  end if;
  return new;
end;
$$;
create trigger institutions_after_insert after insert on public.institutions
  for each row execute function private.institutions_after_insert();

-- county_code of rows that hang off an institution, kept from the institution. An API user who
-- may not write the institution's rows hears "机构不存在", as for an unknown id: these triggers run
-- before row security, and must not tell strangers which ids exist.
create function private.set_institution_county() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.county_code := (select i.county_code from public.institutions i where i.id = new.institution_id);
  if new.county_code is null or (private.is_api_user() and not private.can_write_institution(new.institution_id)) then
    raise exception '机构不存在' using errcode = '23503';
  end if;
  return new;
end;
$$;

-- Exact site: the county as above; the address and coordinates of a filed (or suspended)
-- institution change through a change filing (the county admin may correct them).
create function private.institution_sites_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  inst_status text;
begin
  select i.county_code, i.status into new.county_code, inst_status from public.institutions i where i.id = new.institution_id;
  if new.county_code is null then
    raise exception '机构不存在' using errcode = '23503';
  end if;
  if private.is_api_user() then
    if not private.can_write_institution(new.institution_id) then
      raise exception '机构不存在' using errcode = '23503';
    end if;
    if inst_status in ('filed', 'suspended') and not private.has_scope(new.county_code, '{county_admin}')
       and (tg_op = 'INSERT' or (new.address, new.lat, new.lng) is distinct from (old.address, old.lat, old.lng)) then
      raise exception '已备案机构的地址和坐标须通过变更备案修改' using errcode = '42501',
        hint = '请发起变更备案，经县级卫健部门审核通过后生效';
    end if;
  end if;
  return new;
end;
$$;
create trigger institution_sites_before_write before insert or update on public.institution_sites
  for each row execute function private.institution_sites_before_write();

create trigger classes_set_county before insert or update of institution_id on public.classes
  for each row execute function private.set_institution_county();

create trigger staff_set_county before insert or update of institution_id on public.staff
  for each row execute function private.set_institution_county();

-- Derived public location: exact for centres, street + ~1 km for family childcare points.
create function private.refresh_public_location(institution uuid) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.institutions i
     set public_address = case when i.type = 'home_based' then r.name else s.address end,
         public_lat = case when i.type = 'home_based' then round(s.lat, 2) else s.lat end,
         public_lng = case when i.type = 'home_based' then round(s.lng, 2) else s.lng end
    from public.regions r, public.institution_sites s
   where i.id = institution and r.code = i.street_code and s.institution_id = i.id
     and (i.public_address, i.public_lat, i.public_lng) is distinct from (
       case when i.type = 'home_based' then r.name else s.address end,
       case when i.type = 'home_based' then round(s.lat, 2) else s.lat end,
       case when i.type = 'home_based' then round(s.lng, 2) else s.lng end);
end;
$$;

create function private.institution_sites_after_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.refresh_public_location(new.institution_id);
  return null;
end;
$$;
create trigger institution_sites_after_write after insert or update on public.institution_sites
  for each row execute function private.institution_sites_after_write();

-- County moves and type changes propagate to derived columns and child rows; the classes must
-- still fit the (home-based or regional) limits.
create function private.institutions_after_update() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  c public.classes%rowtype;
begin
  if new.type is distinct from old.type or new.street_code is distinct from old.street_code then
    perform private.refresh_public_location(new.id);
  end if;
  if new.county_code is distinct from old.county_code then
    update public.institution_sites set county_code = new.county_code where institution_id = new.id;
    update public.classes set county_code = new.county_code where institution_id = new.id;
    update public.staff set county_code = new.county_code where institution_id = new.id;
  end if;
  if new.type is distinct from old.type or new.county_code is distinct from old.county_code then
    for c in select * from public.classes x where x.institution_id = new.id order by x.created_at, x.id loop
      perform private.check_class_fits(new, c);
    end loop;
  end if;
  return null;
end;
$$;
create trigger institutions_after_update after update on public.institutions
  for each row execute function private.institutions_after_update();

-- Public classes: the institution's filed status, kept on the class so the public policy needs no
-- subquery into institutions (whose policies would be planned again for every statement on classes).
-- Always derived: a client cannot make its classes public by writing the flag.
create function private.classes_set_institution_filed() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.institution_filed := coalesce((select i.status = 'filed' from public.institutions i where i.id = new.institution_id), false);
  return new;
end;
$$;
create trigger classes_set_institution_filed before insert or update on public.classes
  for each row execute function private.classes_set_institution_filed();

create function private.institutions_propagate_filed() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.classes set institution_filed = (new.status = 'filed') where institution_id = new.id;
  return null;
end;
$$;
create trigger institutions_propagate_filed after update of status on public.institutions
  for each row when (old.status is distinct from new.status)
  execute function private.institutions_propagate_filed();

-- National class limits, home-based caps and carer ratios (Chinese errors). One rule, checked on
-- every write that can break it: class writes (here) and type or county changes of the institution
-- (private.institutions_after_update). Class writes of one institution run one after the other (row
-- lock on the institution), so two concurrent writes cannot together pass the home-based cap.
create function private.check_class_fits(inst public.institutions, c public.classes) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  rule public.class_type_rules%rowtype;
  label text := case c.class_type when 'infant' then '乳儿班' when 'toddler' then '托小班'
                     when 'older_toddler' then '托大班' else '混龄班' end;
  home_total integer;
begin
  select * into rule from public.class_type_rules r
   where r.class_type = c.class_type
     and (r.region_code is null or r.region_code in (inst.county_code, inst.city_code, inst.province_code))
   order by case when r.region_code = inst.county_code then 0 when r.region_code = inst.city_code then 1
                 when r.region_code = inst.province_code then 2 else 3 end
   limit 1;
  if c.min_age_months < rule.min_age_months or c.max_age_months > rule.max_age_months then
    raise exception '%仅招收%～%月龄婴幼儿', label, rule.min_age_months, rule.max_age_months using errcode = '23514';
  end if;
  if inst.type = 'home_based' then
    select coalesce(sum(x.capacity), 0) into home_total from public.classes x
     where x.institution_id = inst.id and x.id <> c.id;
    if c.capacity + home_total > 5 then
      raise exception '家庭托育点收托总人数不超过5人' using errcode = '23514';
    end if;
    if c.enrolled > c.carers * 3 then
      raise exception '家庭托育点每名照护人员最多照护3名婴幼儿（在托%人至少需要%名照护人员）',
        c.enrolled, ceil(c.enrolled / 3.0) using errcode = '23514';
    end if;
  else
    if c.capacity > rule.max_size then
      raise exception '%每班不超过%人', label, rule.max_size using errcode = '23514';
    end if;
    if c.enrolled > c.carers * rule.children_per_carer then
      raise exception '%保育人员与婴幼儿比例不低于1:%（在托%人至少需要%名保育人员）',
        label, rule.children_per_carer, c.enrolled, ceil(c.enrolled::numeric / rule.children_per_carer)
        using errcode = '23514';
    end if;
  end if;
end;
$$;
comment on function private.check_class_fits(public.institutions, public.classes) is '班级是否符合班型规则（月龄、班额、配比）与家庭托育点上限（≤5人、1:3），不符合时报错';

create function private.check_class_rules() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  inst public.institutions%rowtype;
begin
  -- before row security, like set_institution_county: strangers learn nothing about the id. An
  -- update that keeps the institution already passed the update policy (or runs inside a checked
  -- RPC such as accept_offer, which moves the enrolled count for a family).
  if private.is_api_user() and (tg_op = 'INSERT' or new.institution_id is distinct from old.institution_id)
     and not private.can_write_institution(new.institution_id) then
    raise exception '机构不存在' using errcode = '23503';
  end if;
  select * into inst from public.institutions where id = new.institution_id for no key update;
  if inst.id is null then
    raise exception '机构不存在' using errcode = '23503';
  end if;
  perform private.check_class_fits(inst, new);
  return new;
end;
$$;
create trigger classes_check_rules before insert or update on public.classes
  for each row execute function private.check_class_rules();

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- Label used in messages (the UI's is in packages/domain; a test keeps the two equal) ---------------
create function private.institution_status_label(status public.institution_status) returns text
language sql
immutable
set search_path = ''
as $$
  select case status
    when 'draft' then '未备案' when 'filed' then '已备案' when 'suspended' then '暂停运营' when 'cancelled' then '已注销' when 'revoked' then '撤销备案'
    else status::text end
$$;
comment on function private.institution_status_label(public.institution_status) is '机构状态中文名称';

create function private.member_institution_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select m.institution_id from public.institution_members m where m.user_id = (select auth.uid());
end;
$$;
comment on function private.member_institution_ids() is '当前用户所属机构ID';

create function private.owner_institution_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select m.institution_id from public.institution_members m
     where m.user_id = (select auth.uid()) and m.member_role = 'owner';
end;
$$;
comment on function private.owner_institution_ids() is '当前用户作为负责人（owner）的机构ID';

create function private.institution_county(institution uuid) returns text
language sql
stable
security definer
set search_path = ''
as $$ select county_code from public.institutions where id = institution $$;
comment on function private.institution_county(uuid) is '机构所在县区代码（策略检查挂在机构下的行时使用，不受机构表策略影响）';

-- May the caller write the rows of this institution (classes, staff, site)? Its members and the
-- county admin of its county, as the write policies say.
create function private.can_write_institution(institution uuid) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return institution = any (array(select private.member_institution_ids()))
      or private.has_scope(private.institution_county(institution), '{county_admin}');
end;
$$;
comment on function private.can_write_institution(uuid) is '当前用户能否维护该机构的班级、人员和地址（本机构账号或属地县级卫健部门）';

-- Is the caller acting through the API (anon/authenticated) rather than as service role or owner?
-- The `role` setting (SET LOCAL ROLE by PostgREST) is unchanged inside security-definer functions.
create function private.is_api_user() returns boolean
language sql
stable
set search_path = ''
as $$ select current_setting('role', true) in ('anon', 'authenticated') $$;
comment on function private.is_api_user() is '当前操作是否来自 API 用户（anon/authenticated），而非服务角色、迁移或数据导入';

-- Profiles visible to admins: also the operators of institutions in their counties.
create function private.visible_profile_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select s.user_id from public.staff_scopes s
   where s.region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}')))
  union
  select m.user_id from public.institution_members m
    join public.institutions i on i.id = m.institution_id
   where i.county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin,inspector}')))
$$;
comment on function private.visible_profile_ids() is '管理员可见的用户资料：其管辖范围内的工作人员和所辖县区机构的账号';

-- =============================================================================================
-- Policies
-- =============================================================================================

create policy profiles_select_admin on public.profiles
  for select to authenticated using (id = any (array(select private.visible_profile_ids())));

alter table public.institutions enable row level security;
create policy institutions_select_public on public.institutions
  for select to anon, authenticated using (status in ('filed', 'suspended'));
create policy institutions_select_member on public.institutions
  for select to authenticated using (id = any (array(select private.member_institution_ids())));
create policy institutions_select_staff on public.institutions
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy institutions_select_creator on public.institutions
  for select to authenticated using (created_by = (select auth.uid()));
create policy institutions_insert_operator on public.institutions
  for insert to authenticated with check (not (select private.is_staff()));
create policy institutions_insert_county_admin on public.institutions
  for insert to authenticated with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy institutions_update_member on public.institutions
  for update to authenticated
  using (id = any (array(select private.member_institution_ids())))
  with check (id = any (array(select private.member_institution_ids())));
create policy institutions_update_county_admin on public.institutions
  for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{county_admin}'))))
  with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy institutions_delete_owner on public.institutions
  for delete to authenticated
  using (status = 'draft' and id = any (array(select private.owner_institution_ids())));

alter table public.institution_members enable row level security;
create policy institution_members_select_self on public.institution_members
  for select to authenticated using (user_id = (select auth.uid()));
create policy institution_members_select_member on public.institution_members
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy institution_members_select_staff on public.institution_members
  for select to authenticated
  using (private.institution_county(institution_id) = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin,inspector}'))));
create policy institution_members_insert_manager on public.institution_members
  for insert to authenticated
  with check (
    user_id <> (select auth.uid())
    and (institution_id = any (array(select private.owner_institution_ids()))
         or private.institution_county(institution_id) = any (array(select private.counties_in_scope('{county_admin}')))));
create policy institution_members_delete_manager on public.institution_members
  for delete to authenticated
  using (
    user_id <> (select auth.uid())
    and (institution_id = any (array(select private.owner_institution_ids()))
         or private.institution_county(institution_id) = any (array(select private.counties_in_scope('{county_admin}')))));

alter table public.institution_sites enable row level security;
create policy institution_sites_select_member on public.institution_sites
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy institution_sites_select_staff on public.institution_sites
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy institution_sites_insert_member on public.institution_sites
  for insert to authenticated with check (institution_id = any (array(select private.member_institution_ids())));
create policy institution_sites_insert_county_admin on public.institution_sites
  for insert to authenticated with check (private.institution_county(institution_id) = any (array(select private.counties_in_scope('{county_admin}'))));
create policy institution_sites_update_member on public.institution_sites
  for update to authenticated
  using (institution_id = any (array(select private.member_institution_ids())))
  with check (institution_id = any (array(select private.member_institution_ids())));
create policy institution_sites_update_county_admin on public.institution_sites
  for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{county_admin}'))))
  with check (private.institution_county(institution_id) = any (array(select private.counties_in_scope('{county_admin}'))));

alter table public.class_type_rules enable row level security;
create policy class_type_rules_select_public on public.class_type_rules
  for select to anon, authenticated using (true);
create policy class_type_rules_insert_admin on public.class_type_rules
  for insert to authenticated with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy class_type_rules_update_admin on public.class_type_rules
  for update to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))))
  with check (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
create policy class_type_rules_delete_admin on public.class_type_rules
  for delete to authenticated using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));

-- Rows hanging off an institution: public for filed institutions (classes only), members, county.
alter table public.classes enable row level security;
create policy classes_select_public on public.classes
  for select to anon, authenticated using (institution_filed);
create policy classes_select_member on public.classes
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy classes_select_staff on public.classes
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy classes_insert_member on public.classes
  for insert to authenticated with check (institution_id = any (array(select private.member_institution_ids())));
create policy classes_insert_county_admin on public.classes
  for insert to authenticated with check (private.institution_county(institution_id) = any (array(select private.counties_in_scope('{county_admin}'))));
create policy classes_update_member on public.classes
  for update to authenticated
  using (institution_id = any (array(select private.member_institution_ids())))
  with check (institution_id = any (array(select private.member_institution_ids())));
create policy classes_update_county_admin on public.classes
  for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{county_admin}'))))
  with check (private.institution_county(institution_id) = any (array(select private.counties_in_scope('{county_admin}'))));
create policy classes_delete_member on public.classes
  for delete to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy classes_delete_county_admin on public.classes
  for delete to authenticated using (county_code = any (array(select private.counties_in_scope('{county_admin}'))));

alter table public.staff enable row level security;
create policy staff_select_member on public.staff
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy staff_select_staff on public.staff
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy staff_insert_member on public.staff
  for insert to authenticated with check (institution_id = any (array(select private.member_institution_ids())));
create policy staff_insert_county_admin on public.staff
  for insert to authenticated with check (private.institution_county(institution_id) = any (array(select private.counties_in_scope('{county_admin}'))));
create policy staff_update_member on public.staff
  for update to authenticated
  using (institution_id = any (array(select private.member_institution_ids())))
  with check (institution_id = any (array(select private.member_institution_ids())));
create policy staff_update_county_admin on public.staff
  for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{county_admin}'))))
  with check (private.institution_county(institution_id) = any (array(select private.counties_in_scope('{county_admin}'))));
create policy staff_delete_member on public.staff
  for delete to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy staff_delete_county_admin on public.staff
  for delete to authenticated using (county_code = any (array(select private.counties_in_scope('{county_admin}'))));

revoke all on public.institutions, public.institution_members, public.institution_sites,
  public.class_type_rules, public.classes, public.staff from anon;
grant select on public.class_type_rules, public.classes to anon;
-- Institutions are read column by column: nobody reads created_by through the API (the creator's
-- policy still uses it), and anon reads a home point's personal mobile only masked
-- (public_contact_phone). A new column is readable once it is added to these lists.
revoke select on public.institutions from anon, authenticated;
grant select (id, name, type, ownership, operating_model, street_code, county_code, city_code, province_code,
  public_address, public_lat, public_lng, affordable, services, meals_served, opening_hours, fee_items,
  prepayment_terms, public_contact_phone, description, status, status_reason, status_changed_at, filing_no, filed_at,
  created_at, updated_at)
  on public.institutions to anon, authenticated;
grant select (contact_phone) on public.institutions to authenticated;
revoke truncate on public.institutions, public.institution_members, public.institution_sites,
  public.class_type_rules, public.classes, public.staff from authenticated;
revoke update on public.institution_members from authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Geo search ------------------------------------------------------------------------------------------
-- Security definer (measured by `pnpm bench`): under RLS the planner cannot use the GiST index for
-- cube's non-leakproof @> before the security qual, so every filed institution was scanned. The
-- function returns only filed institutions and only public columns (home-based points: street
-- name and ~1 km point), so it exposes nothing more than the public policy does.
create function public.nearby_institutions(
  lat double precision,
  lng double precision,
  radius_m double precision default 3000,
  affordable_only boolean default false,
  institution_types public.institution_type[] default null,
  service_types public.service_type[] default null,
  age_months integer default null,
  max_results integer default 50
) returns table (
  id uuid,
  name text,
  type public.institution_type,
  ownership public.ownership,
  operating_model public.operating_model,
  affordable boolean,
  services public.service_type[],
  street_code text,
  county_code text,
  public_address text,
  public_lat numeric,
  public_lng numeric,
  filing_no text,
  capacity bigint,
  enrolled bigint,
  distance_m double precision
)
language plpgsql
stable
security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  origin extensions.earth;
begin
  if lat is null or lng is null or lat not between 3.5 and 53.6 or lng not between 73.4 and 135.1 then
    raise exception '位置无效：请在中国境内选择位置（GCJ-02 坐标）' using errcode = '22023';
  end if;
  if radius_m is null or radius_m <= 0 or radius_m > 50000 then
    raise exception '搜索半径应在 1 米到 50 公里之间' using errcode = '22023';
  end if;
  -- anyone may call this: a filter list is compared on every row, so it holds each value at most once
  if cardinality(institution_types) > cardinality(enum_range(null::public.institution_type)) then
    raise exception '机构类型筛选最多 % 项', cardinality(enum_range(null::public.institution_type)) using errcode = '22023';
  end if;
  if cardinality(service_types) > cardinality(enum_range(null::public.service_type)) then
    raise exception '服务类型筛选最多 % 项', cardinality(enum_range(null::public.service_type)) using errcode = '22023';
  end if;
  origin := private.earth_point(lat, lng);
  return query
    select i.id, i.name, i.type, i.ownership, i.operating_model, i.affordable, i.services,
           i.street_code, i.county_code, i.public_address, i.public_lat, i.public_lng, i.filing_no,
           c.capacity, c.enrolled,
           private.earth_distance_m(origin, private.earth_point(i.public_lat::double precision, i.public_lng::double precision)) as distance_m
      from public.institutions i
      left join lateral (
        select coalesce(sum(cl.capacity), 0)::bigint as capacity, coalesce(sum(cl.enrolled), 0)::bigint as enrolled
          from public.classes cl where cl.institution_id = i.id
      ) c on true
     where i.status = 'filed'
       and private.earth_box_m(origin, radius_m)
           operator(extensions.@>) private.earth_point(i.public_lat::double precision, i.public_lng::double precision)
       and private.earth_distance_m(origin, private.earth_point(i.public_lat::double precision, i.public_lng::double precision)) <= radius_m
       and (not coalesce(affordable_only, false) or i.affordable)
       and (institution_types is null or i.type = any (institution_types))
       and (service_types is null or i.services && service_types)
       and (age_months is null or exists (
             select 1 from public.classes cl
              where cl.institution_id = i.id and age_months between cl.min_age_months and cl.max_age_months))
     order by 16
     limit least(greatest(coalesce(max_results, 50), 1), 200);
end;
$$;
comment on function public.nearby_institutions is '附近已备案托育机构（按距离排序；家庭托育点仅返回街道与约1公里精度位置）';
revoke execute on function public.nearby_institutions from public;
grant execute on function public.nearby_institutions to anon, authenticated, service_role;

-- What may I do? ----------------------------------------------------------------------------------------
-- security definer: reads only the caller's own rows (auth.uid()), also answers anon (empty lists).
create function public.get_my_permissions() returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  with me as (select (select auth.uid()) as uid),
  scopes as (
    select s.role::text as role, s.region_code, r.name as region_name, r.level
      from public.staff_scopes s join public.regions r on r.code = s.region_code, me
     where s.user_id = me.uid
  ),
  memberships as (
    select m.institution_id, m.member_role, i.name, i.county_code, i.status
      from public.institution_members m join public.institutions i on i.id = m.institution_id, me
     where m.user_id = me.uid
  ),
  grants(role, permission) as (
    values
      ('province_admin', 'institution.view_region'), ('province_admin', 'filing.view_region'),
      ('province_admin', 'region.population.edit'), ('province_admin', 'region.target.edit'),
      ('province_admin', 'scope.manage'), ('province_admin', 'stats.overview'), ('province_admin', 'audit.view'),
      ('city_admin', 'institution.view_region'), ('city_admin', 'filing.view_region'),
      ('city_admin', 'region.population.edit'), ('city_admin', 'region.target.edit'),
      ('city_admin', 'scope.manage'), ('city_admin', 'stats.overview'), ('city_admin', 'audit.view'),
      ('county_admin', 'institution.view_region'), ('county_admin', 'institution.edit'),
      ('county_admin', 'filing.view_region'), ('county_admin', 'filing.review'),
      ('county_admin', 'filing_document.view'),
      ('county_admin', 'region.population.edit'), ('county_admin', 'region.target.edit'),
      ('county_admin', 'scope.manage'), ('county_admin', 'stats.overview'), ('county_admin', 'audit.view'),
      ('inspector', 'institution.view_region'), ('inspector', 'inspection.record'),
      ('community_worker', 'event.manage'),
      ('operator', 'institution.edit'), ('operator', 'class.manage'), ('operator', 'staff.manage'),
      ('operator', 'filing.create'), ('operator', 'filing.submit'), ('operator', 'filing_document.upload'),
      ('operator', 'filing_document.view'),
      ('authenticated', 'institution.create'), ('authenticated', 'profile.edit')
  ),
  my_roles as (
    select distinct role from scopes
    union all select 'operator' where exists (select 1 from memberships)
  )
  select jsonb_build_object(
    'user_id', (select uid from me),
    'roles', coalesce((select jsonb_agg(role order by role collate "C") from my_roles), '[]'::jsonb),
    'scopes', coalesce((select jsonb_agg(jsonb_build_object(
        'role', role, 'region_code', region_code, 'region_name', region_name, 'level', level)
        order by region_code, role) from scopes), '[]'::jsonb),
    'institution_ids', coalesce((select jsonb_agg(institution_id order by name) from memberships), '[]'::jsonb),
    'institutions', coalesce((select jsonb_agg(jsonb_build_object(
        'id', institution_id, 'name', name, 'member_role', member_role, 'county_code', county_code, 'status', status)
        order by name) from memberships), '[]'::jsonb),
    'permissions', coalesce((select jsonb_agg(distinct g.permission collate "C" order by g.permission collate "C")
        from grants g
       where (select uid from me) is not null
         and (g.role = 'authenticated' or g.role in (select role from my_roles)
              -- a person with a staff scope does not register institutions as an operator
              ) and not (g.role = 'authenticated' and g.permission = 'institution.create' and exists (select 1 from scopes))
    ), '[]'::jsonb)
  )
$$;
comment on function public.get_my_permissions() is '当前用户的角色、管辖范围、所属机构与权限列表（前端据此显示菜单和按钮）';
revoke execute on function public.get_my_permissions() from public;
grant execute on function public.get_my_permissions() to anon, authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function
  private.earth_point(double precision, double precision),
  private.earth_box_m(extensions.earth, double precision),
  private.earth_distance_m(extensions.earth, extensions.earth)
  to anon, authenticated, service_role;
grant execute on function
  private.member_institution_ids(),
  private.owner_institution_ids(),
  private.institution_county(uuid),
  private.is_api_user(),
  private.visible_profile_ids()
  to authenticated, service_role;
