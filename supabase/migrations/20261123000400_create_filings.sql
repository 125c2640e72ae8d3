-- =============================================================================================
-- 备案 Filings (托育机构登记和备案办法(试行))
--   calendar_days      节假日与调休上班日 (days not listed follow Mon–Fri)
--   add_working_days   deadline = N working days later
--   filings            kind new/change/cancel; draft → submitted → under_review → returned | approved | rejected,
--                      returned → submitted; enforced by trigger (who may move which step)
--   filing_documents   materials in the private storage bucket `filing-documents`, path
--                      <county_code>/<institution_id>/<filing_id>/<file>; operator and county only
-- =============================================================================================

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.filing_kind as enum ('new', 'change', 'cancel');
comment on type public.filing_kind is '备案类型：new 新办 / change 变更 / cancel 注销';
create type public.filing_status as enum ('draft', 'submitted', 'under_review', 'returned', 'approved', 'rejected');
comment on type public.filing_status is '备案状态：draft 草稿 / submitted 已提交 / under_review 审核中 / returned 退回修改 / approved 已备案 / rejected 不予备案';
create type public.material_type as enum (
  'filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation',
  'fire_safety', 'food_licence', 'other');
create type public.calendar_day_kind as enum ('holiday', 'workday');
comment on type public.calendar_day_kind is '工作日历日期类型：holiday 放假 / workday 调休上班';
comment on type public.material_type is '备案材料类型：filing_form 备案表 / business_licence 营业执照 / premises_proof 场所证明 / staff_certificates 人员资格与健康证 / health_evaluation 卫生评价报告 / fire_safety 消防安全 / food_licence 食品经营许可 / other 其他';

-- =============================================================================================
-- Tables
-- =============================================================================================

-- Working-day calendar --------------------------------------------------------------------------
create table public.calendar_days (
  day date primary key,
  kind public.calendar_day_kind not null,
  name text not null check (length(name) between 1 and 50),
  official boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table public.calendar_days is '工作日历：法定节假日（holiday）与调休上班日（workday）；未列出的日期按周一至周五为工作日';
comment on column public.calendar_days.day is '日期';
comment on column public.calendar_days.kind is '类型：holiday 放假 / workday 调休上班';
comment on column public.calendar_days.name is '节日名称';
comment on column public.calendar_days.official is '是否已由国务院办公厅公布（false = 按法定假日预估，待公布后更新）';
comment on column public.calendar_days.created_at is '创建时间';

insert into public.calendar_days (day, kind, name, official)
select d::date, 'holiday', n, o from (values
  -- 2025（国办发明电〔2024〕12号）
  ('2025-01-01', '2025-01-01', '元旦', true), ('2025-01-28', '2025-02-04', '春节', true),
  ('2025-04-04', '2025-04-06', '清明节', true), ('2025-05-01', '2025-05-05', '劳动节', true),
  ('2025-05-31', '2025-06-02', '端午节', true), ('2025-10-01', '2025-10-08', '国庆节、中秋节', true),
  -- 2026（国办发明电〔2025〕7号）
  ('2026-01-01', '2026-01-03', '元旦', true), ('2026-02-15', '2026-02-23', '春节', true),
  ('2026-04-04', '2026-04-06', '清明节', true), ('2026-05-01', '2026-05-05', '劳动节', true),
  ('2026-06-19', '2026-06-21', '端午节', true), ('2026-09-25', '2026-09-27', '中秋节', true),
  ('2026-10-01', '2026-10-07', '国庆节', true),
  -- 2027：尚未公布，仅列法定假日（不含调休），公布后更新
  ('2027-01-01', '2027-01-01', '元旦', false), ('2027-02-05', '2027-02-08', '春节', false),
  ('2027-04-05', '2027-04-05', '清明节', false), ('2027-05-01', '2027-05-02', '劳动节', false),
  ('2027-06-09', '2027-06-09', '端午节', false), ('2027-09-15', '2027-09-15', '中秋节', false),
  ('2027-10-01', '2027-10-03', '国庆节', false)
) as h(f, t, n, o), generate_series(f::date, t::date, interval '1 day') as d;

insert into public.calendar_days (day, kind, name) values
  ('2025-01-26', 'workday', '春节调休'), ('2025-02-08', 'workday', '春节调休'),
  ('2025-04-27', 'workday', '劳动节调休'), ('2025-09-28', 'workday', '国庆节调休'),
  ('2025-10-11', 'workday', '国庆节调休'),
  ('2026-01-04', 'workday', '元旦调休'), ('2026-02-14', 'workday', '春节调休'),
  ('2026-02-28', 'workday', '春节调休'), ('2026-05-09', 'workday', '劳动节调休'),
  ('2026-09-20', 'workday', '国庆节调休'), ('2026-10-10', 'workday', '国庆节调休');

-- Filings ---------------------------------------------------------------------------------------------
create table public.filings (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  kind public.filing_kind not null default 'new',
  status public.filing_status not null default 'draft',
  form jsonb not null default '{}' check (jsonb_typeof(form) = 'object'),
  changes jsonb not null default '{}' check (jsonb_typeof(changes) = 'object'),
  materials jsonb not null default '{}' check (jsonb_typeof(materials) = 'object'),
  pledge_accepted boolean not null default false,
  submitted_at timestamptz,
  deadline_on date,
  reviewer_id uuid references auth.users (id) on delete set null,
  review_started_at timestamptz,
  decided_at timestamptz,
  decision_reasons text check (length(decision_reasons) <= 2000),
  filing_no text,
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.filings is '备案申请：新办、变更、注销；县级卫健部门5个工作日内办结';
comment on column public.filings.id is '主键';
comment on column public.filings.institution_id is '机构ID';
comment on column public.filings.city_code is '所在市代码（由县区代码推导）';
comment on column public.filings.province_code is '所在省代码（由县区代码推导）';
comment on column public.filings.county_code is '受理县区代码（触发器维护）';
comment on column public.filings.kind is '备案类型：new 新办 / change 变更 / cancel 注销';
comment on column public.filings.status is '状态：draft 草稿 / submitted 已提交 / under_review 审核中 / returned 退回修改 / approved 已备案 / rejected 不予备案';
comment on column public.filings.form is '备案表内容';
comment on column public.filings.changes is '变更备案拟变更的内容（审核通过时写入机构登记信息）：name/type/ownership/operating_model/street_code/affordable/meals_served/services/fee_items，site {address, lat, lng}，classes [班级完整清单，保留的班级带 id]';
comment on column public.filings.materials is '材料审核清单 {材料类型: {ok 是否合格, note 意见}}';
comment on column public.filings.pledge_accepted is '是否已签署承诺书';
comment on column public.filings.submitted_at is '提交时间';
comment on column public.filings.deadline_on is '办理期限（提交后第5个工作日）';
comment on column public.filings.reviewer_id is '审核人';
comment on column public.filings.review_started_at is '开始审核时间';
comment on column public.filings.decided_at is '办结时间';
comment on column public.filings.decision_reasons is '退回或不予备案的理由';
comment on column public.filings.filing_no is '备案号（通过时生成）';
comment on column public.filings.created_by is '创建人';
comment on column public.filings.created_at is '创建时间';
comment on column public.filings.updated_at is '更新时间';
create index filings_institution_id_idx on public.filings (institution_id);
create index filings_city_code_idx on public.filings (city_code);
create index filings_province_code_idx on public.filings (province_code);
-- covering: county counts under RLS stay index-only (the policies also read institution_id, city/province)
create index filings_county_code_status_idx on public.filings (county_code, status)
  include (institution_id, city_code, province_code);
create index filings_reviewer_id_idx on public.filings (reviewer_id);
create index filings_created_by_idx on public.filings (created_by);
create unique index filings_one_open_per_institution on public.filings (institution_id)
  where status in ('draft', 'submitted', 'under_review', 'returned');

-- Filing documents ------------------------------------------------------------------------------------
create table public.filing_documents (
  id uuid primary key default gen_random_uuid(),
  filing_id uuid not null references public.filings (id) on delete cascade,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  material_type public.material_type not null,
  storage_path text not null unique check (length(storage_path) <= 500),
  file_name text not null check (length(file_name) between 1 and 200),
  -- text, not an enum: IANA strings matched against the storage object's metadata and the bucket's
  -- allowed_mime_types (text[]); no one chooses or reads them as a label
  mime_type text not null check (mime_type in ('image/jpeg', 'image/png', 'application/pdf')),
  size_bytes integer not null check (size_bytes > 0 and size_bytes <= 20971520),
  uploaded_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now()
);
comment on table public.filing_documents is '备案材料文件（存放于私有存储桶 filing-documents）';
comment on column public.filing_documents.id is '主键';
comment on column public.filing_documents.filing_id is '备案ID';
comment on column public.filing_documents.institution_id is '机构ID（触发器维护）';
comment on column public.filing_documents.city_code is '所在市代码（由县区代码推导）';
comment on column public.filing_documents.province_code is '所在省代码（由县区代码推导）';
comment on column public.filing_documents.county_code is '受理县区代码（触发器维护）';
comment on column public.filing_documents.material_type is '材料类型：filing_form 备案表 / business_licence 营业执照 / premises_proof 场所证明 / staff_certificates 人员资格与健康证 / health_evaluation 卫生评价报告 / fire_safety 消防安全 / food_licence 食品经营许可 / other 其他';
comment on column public.filing_documents.storage_path is '存储路径：<县区代码>/<机构ID>/<备案ID>/<文件名>';
comment on column public.filing_documents.file_name is '原始文件名';
comment on column public.filing_documents.mime_type is '文件类型（JPG/PNG/PDF）';
comment on column public.filing_documents.size_bytes is '文件大小（字节，≤20MB）';
comment on column public.filing_documents.uploaded_by is '上传人';
comment on column public.filing_documents.created_at is '上传时间';
create index filing_documents_filing_id_idx on public.filing_documents (filing_id);
create index filing_documents_institution_id_idx on public.filing_documents (institution_id);
create index filing_documents_city_code_idx on public.filing_documents (city_code);
create index filing_documents_province_code_idx on public.filing_documents (province_code);
create index filing_documents_county_code_idx on public.filing_documents (county_code);
create index filing_documents_uploaded_by_idx on public.filing_documents (uploaded_by);

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger filings_touch_updated_at before update on public.filings
  for each row execute function private.touch_updated_at();

create function private.filings_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  inst public.institutions%rowtype;
  is_member boolean;
  is_reviewer boolean;
  missing public.material_type[];
  not_ok text;
  prefix text;
  seq integer;
begin
  select * into inst from public.institutions where id = new.institution_id;
  if inst.id is null then
    raise exception '机构不存在' using errcode = '23503';
  end if;
  new.county_code := inst.county_code;
  if not private.is_api_user() then
    return new; -- service role, migrations and seeds
  end if;
  is_member := new.institution_id = any (array(select private.member_institution_ids()));
  is_reviewer := private.has_scope(inst.county_code, '{county_admin}');

  if tg_op = 'INSERT' then
    if not is_member then
      -- before row security: to anyone else an institution id answers as if it did not exist
      raise exception '机构不存在' using errcode = '23503';
    end if;
    if new.status <> 'draft' then
      raise exception '新建备案只能是草稿' using errcode = '42501';
    end if;
    if new.kind = 'new' and inst.status not in ('draft', 'cancelled') then
      raise exception '机构已备案，请选择变更备案或注销备案' using errcode = '23514';
    end if;
    if new.kind in ('change', 'cancel') and inst.status not in ('filed', 'suspended') then
      raise exception '机构尚未备案，请先办理新办备案' using errcode = '23514';
    end if;
    new.created_by := (select auth.uid());
    new.submitted_at := null; new.deadline_on := null; new.reviewer_id := null; new.review_started_at := null;
    new.decided_at := null; new.decision_reasons := null; new.filing_no := null;
    new.materials := '{}'; -- the per-material checklist is the reviewer's
    if new.kind <> 'change' then
      new.changes := '{}';
    end if;
    perform private.check_filing_changes(new);
    return new;
  end if;

  -- columns nobody changes directly
  new.institution_id := old.institution_id;
  new.kind := old.kind;
  new.created_by := old.created_by;
  new.submitted_at := old.submitted_at;
  new.deadline_on := old.deadline_on;
  new.reviewer_id := old.reviewer_id;
  new.review_started_at := old.review_started_at;
  new.decided_at := old.decided_at;
  new.filing_no := old.filing_no;

  if new.status = old.status then
    if is_member and old.status in ('draft', 'returned') then
      new.decision_reasons := old.decision_reasons;
      new.materials := old.materials; -- the reviewer's checklist is not the operator's to change
      if new.kind <> 'change' then
        new.changes := '{}';
      end if;
      perform private.check_filing_changes(new);
      return new;
    end if;
    if is_reviewer and old.status = 'under_review' then
      perform private.check_reviewer_not_involved(new);
      if new.form is distinct from old.form or new.pledge_accepted is distinct from old.pledge_accepted
         or new.changes is distinct from old.changes then
        raise exception '审核人员不能修改机构填报的备案内容' using errcode = '42501';
      end if;
      return new;
    end if;
    raise exception '备案当前状态（%）下不能修改', old.status using errcode = '42501';
  end if;

  if old.status in ('draft', 'returned') and new.status = 'submitted' then
    if not is_member then
      raise exception '只有机构本身可以提交备案' using errcode = '42501';
    end if;
    new.materials := old.materials;
    if not new.pledge_accepted then
      raise exception '请先阅读并签署承诺书' using errcode = '23514';
    end if;
    if new.kind = 'change' then
      perform private.check_filing_changes(new);
      if new.changes = '{}'::jsonb then
        raise exception '变更备案须填写拟变更的内容' using errcode = '23514',
          hint = '可变更：名称、类型、举办性质、运营模式、所在街道、普惠性质、膳食服务、服务类型、收费项目清单、地址和坐标、班级和托位';
      end if;
    end if;
    select array_agg(m) into missing from unnest(private.required_materials(new)) as m
     where not exists (select 1 from public.filing_documents d where d.filing_id = new.id and d.material_type = m);
    if missing is not null then
      raise exception '缺少备案材料：%', (select string_agg(private.material_label(m::text), '、') from unnest(missing) as m)
        using errcode = '23514', hint = '请上传全部必需材料后再提交';
    end if;
    new.submitted_at := now();
    new.deadline_on := public.add_working_days((now() at time zone 'Asia/Shanghai')::date, 5);
    new.decision_reasons := null;
    return new;
  end if;

  if not is_reviewer then
    raise exception '只有属地县级卫健部门可以审核备案' using errcode = '42501';
  end if;
  perform private.check_reviewer_not_involved(new);
  if old.status = 'submitted' and new.status = 'under_review' then
    new.reviewer_id := (select auth.uid());
    new.review_started_at := now();
    return new;
  end if;
  if old.status = 'under_review' and new.status in ('returned', 'rejected') then
    if coalesce(length(btrim(new.decision_reasons)), 0) < 2 then
      raise exception '退回或不予备案须填写理由' using errcode = '23514';
    end if;
    new.decided_at := now();
    return new;
  end if;
  if old.status = 'under_review' and new.status = 'approved' then
    -- the per-material rule holds for every approval (approve_filing or a direct update)
    not_ok := private.materials_not_approved(new);
    if not_ok is not null then
      raise exception '以下材料尚未审核合格：%', not_ok using errcode = '23514',
        hint = '请逐项核对材料并标记合格后再准予备案；材料不合格的，请退回修改或不予备案';
    end if;
    new.decided_at := now();
    if new.kind = 'new' then
      perform pg_advisory_xact_lock(hashtext('filing_no:' || inst.county_code));
      prefix := substr(inst.county_code, 1, 6) || to_char(now() at time zone 'Asia/Shanghai', 'YYYY');
      -- the county's numbers of this year, issued by approvals or imported by the service role
      select coalesce(max(right(x.n, 4)::integer), 0) + 1 into seq
        from (select f.filing_no as n from public.filings f
               where f.county_code = inst.county_code and f.filing_no between prefix || '0000' and prefix || '9999'
              union all
              select i.filing_no from public.institutions i
               where i.filing_no between prefix || '0000' and prefix || '9999') x
       where x.n ~ '^[0-9]{14}$';
      new.filing_no := prefix || lpad(seq::text, 4, '0');
    else
      new.filing_no := inst.filing_no;
    end if;
    return new;
  end if;
  raise exception '备案状态不能从 % 变为 %', old.status, new.status using errcode = '23514';
end;
$$;
create trigger filings_before_write before insert or update on public.filings
  for each row execute function private.filings_before_write();

-- Approval updates the institution: new → filed with its number, change → the proposed values
-- written to the registry in the same transaction, cancel → cancelled (off the public registry).
create function private.filings_after_decision() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status = 'approved' and old.status is distinct from 'approved' then
    if new.kind = 'cancel' then
      update public.institutions set status = 'cancelled' where id = new.institution_id;
    elsif new.kind = 'change' then
      perform private.apply_filing_changes(new);
    else
      update public.institutions
         set status = 'filed', filing_no = coalesce(new.filing_no, filing_no), filed_at = coalesce(filed_at, new.decided_at)
       where id = new.institution_id;
    end if;
  end if;
  return null;
end;
$$;
create trigger filings_after_decision after update of status on public.filings
  for each row execute function private.filings_after_decision();

-- A material is an uploaded file: for API users the object must exist in the bucket under the
-- filing's folder with the declared type and size (what attach_filing_document reads from it). To
-- anyone but the institution's accounts a filing id answers as if it did not exist (this trigger
-- runs before row security).
create function private.filing_documents_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  f public.filings%rowtype;
  obj record;
begin
  select * into f from public.filings where id = new.filing_id;
  if f.id is null or (private.is_api_user() and not f.institution_id = any (array(select private.member_institution_ids()))) then
    raise exception '备案不存在' using errcode = '23503';
  end if;
  new.institution_id := f.institution_id;
  new.county_code := f.county_code;
  if new.storage_path not like f.county_code || '/' || f.institution_id || '/' || f.id || '/%' then
    raise exception '材料存储路径应为 %/%/%/文件名', f.county_code, f.institution_id, f.id using errcode = '23514';
  end if;
  if private.is_api_user() then
    new.uploaded_by := (select auth.uid());
    if f.status not in ('draft', 'returned') then
      raise exception '备案已提交，不能再增删材料' using errcode = '42501';
    end if;
    select o.metadata into obj from storage.objects o where o.bucket_id = 'filing-documents' and o.name = new.storage_path;
    if not found then
      raise exception '没有找到已上传的文件：%', new.storage_path using errcode = '23514',
        hint = '请先上传文件，再通过 attach_filing_document 登记';
    end if;
    if new.mime_type is distinct from obj.metadata ->> 'mimetype'
       or new.size_bytes::bigint is distinct from (obj.metadata ->> 'size')::bigint then
      raise exception '材料的文件类型或大小与已上传的文件不符' using errcode = '23514',
        hint = '请通过 attach_filing_document 登记（类型和大小以上传的文件为准）';
    end if;
  end if;
  return new;
end;
$$;
create trigger filing_documents_before_write before insert or update on public.filing_documents
  for each row execute function private.filing_documents_before_write();

create function private.filing_documents_before_delete() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if private.is_api_user()
     and (select f.status from public.filings f where f.id = old.filing_id) not in ('draft', 'returned') then
    raise exception '备案已提交，不能再增删材料' using errcode = '42501';
  end if;
  return old;
end;
$$;
create trigger filing_documents_before_delete before delete on public.filing_documents
  for each row execute function private.filing_documents_before_delete();

-- Removing a material's file (a draft or returned filing; the bucket policy allows no other) removes
-- its row, so a filing never lists a file that is gone.
create function private.filing_objects_after_delete() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if old.bucket_id = 'filing-documents' then
    delete from public.filing_documents d where d.storage_path = old.name;
  end if;
  return null;
end;
$$;
create trigger filing_documents_object_deleted after delete on storage.objects
  for each row execute function private.filing_objects_after_delete();

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- Labels used in messages (the UI's are in packages/domain; a test keeps the value lists equal) ----
create function private.filing_status_label(status public.filing_status) returns text
language sql
immutable
set search_path = ''
as $$
  select case status
    when 'draft' then '草稿' when 'submitted' then '已提交' when 'under_review' then '审核中'
    when 'returned' then '退回修改' when 'approved' then '已备案' when 'rejected' then '不予备案'
    else status::text end
$$;
comment on function private.filing_status_label(public.filing_status) is '备案状态中文名称';

create function private.filing_kind_label(kind public.filing_kind) returns text
language sql
immutable
set search_path = ''
as $$
  select case kind when 'new' then '新办备案' when 'change' then '变更备案' when 'cancel' then '注销备案' else kind::text end
$$;
comment on function private.filing_kind_label(public.filing_kind) is '备案类型中文名称';

create function private.material_label(material text) returns text
language sql
immutable
set search_path = ''
as $$
  select case material
    when 'filing_form' then '备案表' when 'business_licence' then '营业执照或法人证书'
    when 'premises_proof' then '场所证明' when 'staff_certificates' then '从业人员资格证和健康证'
    when 'health_evaluation' then '卫生评价报告（合格）' when 'fire_safety' then '消防安全证明'
    when 'food_licence' then '食品经营许可证' when 'other' then '其他材料' else material end
$$;
comment on function private.material_label(text) is '备案材料类型中文名称（材料审核清单的键为文字，未知的原样返回）';


-- Required materials for a filing (data-driven so that licensing can replace filing later).
create function private.required_materials(filing public.filings) returns public.material_type[]
language sql
stable
security definer
set search_path = ''
as $$
  select case when filing.kind = 'cancel' then '{filing_form}'::public.material_type[]
    else '{filing_form,business_licence,premises_proof,staff_certificates,health_evaluation,fire_safety}'::public.material_type[]
         || case when (select i.meals_served from public.institutions i where i.id = filing.institution_id)
                 then '{food_licence}'::public.material_type[] else '{}'::public.material_type[] end
  end
$$;

-- Required or failed materials not marked 审核合格 in the filing's checklist (labels), else null.
create function private.materials_not_approved(filing public.filings) returns text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select string_agg(private.material_label(r.m), '、' order by r.m)
      from (select unnest(private.required_materials(filing))::text as m
            union
            select key from jsonb_each(filing.materials) where (value ->> 'ok')::boolean is false) r
     where (filing.materials -> r.m ->> 'ok')::boolean is not true);
end;
$$;
comment on function private.materials_not_approved(public.filings) is '尚未审核合格的必需材料（及标记不合格的材料）名称，全部合格时为空';

-- Separation of duties: a county admin who belongs to the institution, or who created or
-- submitted this filing, does not review it.
create function private.check_reviewer_not_involved(filing public.filings) returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if filing.institution_id = any (array(select private.member_institution_ids()))
     or filing.created_by = (select auth.uid())
     or exists (select 1 from public.filing_events e
                 where e.filing_id = filing.id and e.to_status = 'submitted' and e.actor_id = (select auth.uid())) then
    raise exception '您是该机构的账号或本备案的提交人，应当回避，不能审核本备案' using errcode = '42501',
      hint = '请由本县区其他审核人员办理';
  end if;
end;
$$;
comment on function private.check_reviewer_not_involved(public.filings) is '审核回避：本机构账号、本备案的创建人或提交人不能审核';

-- A change filing's proposal: only the filed fields, each a valid value (Chinese error otherwise).
create function private.check_filing_changes(filing public.filings) returns void
language plpgsql
stable
set search_path = ''
as $$
declare
  ch jsonb := filing.changes;
  bad text;
begin
  if ch = '{}'::jsonb then
    return;
  end if;
  select string_agg(k, '、') into bad from jsonb_object_keys(ch) k
   where k <> all ('{name,type,ownership,operating_model,street_code,affordable,meals_served,services,fee_items,site,classes}');
  if bad is not null then
    raise exception '变更内容含不能通过变更备案修改的项目：%', bad using errcode = '22023';
  end if;
  if ch ? 'site' and (jsonb_typeof(ch -> 'site') <> 'object' or not (ch -> 'site') ?& '{address,lat,lng}') then
    raise exception '变更地址须同时填写详细地址和坐标（address、lat、lng）' using errcode = '22023';
  end if;
  if ch ? 'classes' and (jsonb_typeof(ch -> 'classes') <> 'array' or jsonb_array_length(ch -> 'classes') = 0) then
    raise exception '变更班级须给出完整的班级清单（至少一个班级）' using errcode = '22023';
  end if;
  if ch ? 'fee_items' and jsonb_typeof(ch -> 'fee_items') <> 'array' then
    raise exception '收费项目清单应为列表' using errcode = '22023';
  end if;
  if ch ? 'street_code' and not exists (select 1 from public.regions r
                                          where r.code = ch ->> 'street_code' and r.level = 'street'
                                            and r.county_code = filing.county_code) then
    raise exception '所在街道应为本县区的街道（乡镇）：%', ch ->> 'street_code' using errcode = '22023',
      hint = '迁往其他县区的，请在原县区注销备案后到新县区办理新办备案';
  end if;
  begin
    perform jsonb_populate_record(null::public.institutions, ch - 'site' - 'classes');
    if ch ? 'site' then
      perform jsonb_populate_record(null::public.institution_sites, ch -> 'site');
    end if;
    if ch ? 'classes' then
      if exists (select 1 from jsonb_populate_recordset(null::public.classes, ch -> 'classes') c
                  where c.name is null or c.class_type is null or c.min_age_months is null
                     or c.max_age_months is null or c.capacity is null) then
        raise exception '每个班级须填写名称、班型、月龄范围和托位数' using errcode = '22023';
      end if;
    end if;
  exception when data_exception then
    raise exception '变更内容格式有误：%', sqlerrm using errcode = '22023';
  end;
end;
$$;
comment on function private.check_filing_changes(public.filings) is '检查变更备案拟变更的内容：只含可变更项目且取值有效';

-- On approval of a change filing (one trigger level down from the approval, so the registry's
-- protections let it through): the proposed values replace the registry's, in the same transaction.
create function private.apply_filing_changes(filing public.filings) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  ch jsonb := filing.changes;
  inst uuid := filing.institution_id;
begin
  if ch ? 'classes' then
    delete from public.classes c
     where c.institution_id = inst
       and c.id not in (select (x ->> 'id')::uuid from jsonb_array_elements(ch -> 'classes') x where x ? 'id');
    update public.classes c
       set name = r.name, class_type = r.class_type, min_age_months = r.min_age_months,
           max_age_months = r.max_age_months, capacity = r.capacity, carers = coalesce(r.carers, c.carers)
      from jsonb_populate_recordset(null::public.classes, ch -> 'classes') r
     where r.id = c.id and c.institution_id = inst;
    insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, carers)
    select inst, r.name, r.class_type, r.min_age_months, r.max_age_months, r.capacity, coalesce(r.carers, 0)
      from jsonb_populate_recordset(null::public.classes, ch -> 'classes') r
     where r.id is null or not exists (select 1 from public.classes c where c.id = r.id and c.institution_id = inst);
  end if;
  update public.institutions i
     set name = case when ch ? 'name' then r.name else i.name end,
         type = case when ch ? 'type' then r.type else i.type end,
         ownership = case when ch ? 'ownership' then r.ownership else i.ownership end,
         operating_model = case when ch ? 'operating_model' then r.operating_model else i.operating_model end,
         street_code = case when ch ? 'street_code' then r.street_code else i.street_code end,
         affordable = case when ch ? 'affordable' then r.affordable else i.affordable end,
         meals_served = case when ch ? 'meals_served' then r.meals_served else i.meals_served end,
         services = case when ch ? 'services' then r.services else i.services end,
         fee_items = case when ch ? 'fee_items' then r.fee_items else i.fee_items end
    from jsonb_populate_record(null::public.institutions, ch - 'site' - 'classes') r
   where i.id = inst;
  if ch ? 'site' then
    update public.institution_sites s
       set address = r.address, lat = r.lat, lng = r.lng
      from jsonb_populate_record(null::public.institution_sites, ch -> 'site') r
     where s.institution_id = inst;
  end if;
end;
$$;
comment on function private.apply_filing_changes(public.filings) is '变更备案审核通过：把拟变更的内容写入机构登记信息（同一事务）';

-- Path <county_code>/<institution_id>/<filing_id>/<file>: the institution of a well-formed path whose
-- county and filing match the database, else null.
create function private.filing_object_institution(object_name text) returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  parts text[] := string_to_array(object_name, '/');
  result uuid;
begin
  if array_length(parts, 1) <> 4 or parts[2] !~* '^[0-9a-f-]{36}$' or parts[3] !~* '^[0-9a-f-]{36}$' then
    return null;
  end if;
  select f.institution_id into result from public.filings f
   where f.id = parts[3]::uuid and f.institution_id = parts[2]::uuid and f.county_code = parts[1];
  return result;
end;
$$;

-- The institution of an object whose filing still accepts material changes (draft or returned).
create function private.filing_object_editable_institution(object_name text) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select f.institution_id from public.filings f
   where f.institution_id = private.filing_object_institution(object_name)
     and f.id = (string_to_array(object_name, '/'))[3]::uuid
     and f.status in ('draft', 'returned')
$$;

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.calendar_days enable row level security;
create policy calendar_days_select_public on public.calendar_days for select to anon, authenticated using (true);
revoke insert, update, delete, truncate on public.calendar_days from anon, authenticated;

alter table public.filings enable row level security;
create policy filings_select_member on public.filings
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy filings_select_staff on public.filings
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy filings_insert_member on public.filings
  for insert to authenticated with check (institution_id = any (array(select private.member_institution_ids())));
create policy filings_update_member on public.filings
  for update to authenticated
  using (institution_id = any (array(select private.member_institution_ids())))
  with check (institution_id = any (array(select private.member_institution_ids())));
create policy filings_update_county_admin on public.filings
  for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{county_admin}'))))
  with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy filings_delete_member on public.filings
  for delete to authenticated
  using (status = 'draft' and institution_id = any (array(select private.member_institution_ids())));

alter table public.filing_documents enable row level security;
create policy filing_documents_select_member on public.filing_documents
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy filing_documents_select_staff on public.filing_documents
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy filing_documents_insert_member on public.filing_documents
  for insert to authenticated
  with check (institution_id = any (array(select private.member_institution_ids())));
create policy filing_documents_delete_member on public.filing_documents
  for delete to authenticated using (institution_id = any (array(select private.member_institution_ids())));

revoke all on public.filings, public.filing_documents from anon;
revoke truncate on public.filings, public.filing_documents from authenticated;
revoke update on public.filing_documents from authenticated;

-- Storage: private bucket and object policies ---------------------------------------------------------
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('filing-documents', 'filing-documents', false, 20971520, array['image/jpeg', 'image/png', 'application/pdf'])
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy filing_documents_objects_select_member on storage.objects
  for select to authenticated
  using (bucket_id = 'filing-documents'
         and private.filing_object_institution(name) = any (array(select private.member_institution_ids())));
create policy filing_documents_objects_select_staff on storage.objects
  for select to authenticated
  using (bucket_id = 'filing-documents'
         and (storage.foldername(name))[1] = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin,inspector}')))
         and private.filing_object_institution(name) is not null);
create policy filing_documents_objects_insert_member on storage.objects
  for insert to authenticated
  with check (bucket_id = 'filing-documents'
              and private.filing_object_editable_institution(name) = any (array(select private.member_institution_ids())));
create policy filing_documents_objects_delete_member on storage.objects
  for delete to authenticated
  using (bucket_id = 'filing-documents'
         and private.filing_object_editable_institution(name) = any (array(select private.member_institution_ids())));

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Working days (the calendar above; filings_before_write sets the deadline with add_working_days).
create function public.is_working_day(day date) returns boolean
language sql
stable
set search_path = ''
as $$
  select coalesce((select c.kind = 'workday' from public.calendar_days c where c.day = is_working_day.day),
                  extract(isodow from day) < 6)
$$;
comment on function public.is_working_day(date) is '是否工作日（按工作日历）';

-- Callable by anyone: the work is bounded (at most a year of working days, ~3 × days rows).
create function public.add_working_days(start date, days integer) returns date
language plpgsql
stable
set search_path = ''
as $$
begin
  if days is null or days < 0 or days > 366 then
    raise exception '工作日天数应在 0 到 366 之间（收到 %）', days using errcode = '22023';
  end if;
  return (
    select w.d from (
      select g::date as d, row_number() over (order by g) as n
        from generate_series(start + 1, start + days * 3 + 30, interval '1 day') as g
       where public.is_working_day(g::date)
    ) w where w.n = days);
end;
$$;
comment on function public.add_working_days(date, integer) is '自 start 起第 days 个工作日（不含当天；days 为 0～366），用于备案办理时限';
grant execute on function public.is_working_day(date), public.add_working_days(date, integer) to anon, authenticated, service_role;

revoke execute on all functions in schema private from public;
grant execute on function private.filing_object_institution(text), private.filing_object_editable_institution(text),
  private.required_materials(public.filings),
  private.filing_status_label(public.filing_status),
  private.filing_kind_label(public.filing_kind),
  private.material_label(text)
  to authenticated, service_role;
