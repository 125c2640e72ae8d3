-- =============================================================================================
-- 备案办理 Filing workflow RPCs, status history and public verification
--   filing_events            状态流转记录（谁、何时、从哪个状态到哪个状态、理由、材料清单快照），由触发器写入
--   create_filing_draft      发起备案（重复点击返回同一份进行中的备案）
--   attach_filing_document   登记已上传到存储桶的材料（类型与大小取自存储对象，重复调用幂等）
--   submit_filing            机构提交（可同时签署承诺书；已提交的再次提交返回原记录）
--   start_filing_review      县级卫健部门开始审核
--   approve_filing           准予备案（全部必需材料须逐项审核合格；备案号由触发器生成）
--   return_filing            退回修改（须填写理由）
--   reject_filing            不予备案（须填写理由）
--   verify_filing            公众凭备案号（证书二维码）核验，只返回公开字段
-- The RPCs are SECURITY INVOKER: row-level security and private.filings_before_write still guard
-- every write; the RPCs add clear Chinese messages, row locks for double clicks/retries and the
-- per-material checklist rule. Errors: 42501 = not allowed, 23514 = state/rule, 22023 = bad input.
-- =============================================================================================

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.filing_actor_kind as enum ('operator', 'reviewer', 'system');
comment on type public.filing_actor_kind is '备案操作方：operator 机构 / reviewer 县级卫健部门 / system 系统（服务端、数据导入）';

-- =============================================================================================
-- Tables
-- =============================================================================================

-- Status history ----------------------------------------------------------------------------------
create table public.filing_events (
  id bigint generated always as identity primary key,
  filing_id uuid not null references public.filings (id) on delete cascade,
  institution_id uuid not null references public.institutions (id) on delete cascade,
  county_code text not null,
  from_status public.filing_status,
  to_status public.filing_status not null,
  actor_id uuid references auth.users (id) on delete set null,
  actor_kind public.filing_actor_kind not null,
  actor_name text,
  reasons text,
  checklist jsonb,
  occurred_at timestamptz not null default now()
);
comment on table public.filing_events is '备案状态流转记录（只由触发器写入，API 只读）：提交、开始审核、退回、准予备案、不予备案';
comment on column public.filing_events.id is '主键';
comment on column public.filing_events.filing_id is '备案ID';
comment on column public.filing_events.institution_id is '机构ID';
comment on column public.filing_events.county_code is '受理县区代码';
comment on column public.filing_events.from_status is '原状态（为空表示新建）';
comment on column public.filing_events.to_status is '新状态';
comment on column public.filing_events.actor_id is '操作人用户ID';
comment on column public.filing_events.actor_kind is '操作方：operator 机构 / reviewer 县级卫健部门 / system 系统（服务端、数据导入）';
comment on column public.filing_events.actor_name is '操作人姓名（操作时的显示名称）';
comment on column public.filing_events.reasons is '退回或不予备案的理由';
comment on column public.filing_events.checklist is '办结或退回时的材料审核清单快照';
comment on column public.filing_events.occurred_at is '发生时间';
create index filing_events_filing_id_occurred_at_idx on public.filing_events (filing_id, occurred_at, id);
create index filing_events_institution_id_idx on public.filing_events (institution_id);
create index filing_events_county_code_idx on public.filing_events (county_code);
create index filing_events_actor_id_idx on public.filing_events (actor_id);

-- =============================================================================================
-- Triggers
-- =============================================================================================

-- History of a filing written outside the API (seed, import, service role): derived from its timestamps.
create function private.synthesize_filing_events(f public.filings) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  reviewer_name text := (select p.display_name from public.profiles p where p.id = f.reviewer_id);
begin
  insert into public.filing_events (filing_id, institution_id, county_code, from_status, to_status, actor_id, actor_kind, occurred_at)
  values (f.id, f.institution_id, f.county_code, null, 'draft', f.created_by, 'system', f.created_at);
  if f.status = 'draft' then
    return;
  end if;
  insert into public.filing_events (filing_id, institution_id, county_code, from_status, to_status, actor_id, actor_kind, occurred_at)
  values (f.id, f.institution_id, f.county_code, 'draft', 'submitted', f.created_by, 'system', coalesce(f.submitted_at, f.created_at));
  if f.status = 'submitted' then
    return;
  end if;
  insert into public.filing_events (filing_id, institution_id, county_code, from_status, to_status, actor_id, actor_kind, actor_name, occurred_at)
  values (f.id, f.institution_id, f.county_code, 'submitted', 'under_review', f.reviewer_id, 'system', reviewer_name,
          coalesce(f.review_started_at, f.submitted_at, f.created_at));
  if f.status = 'under_review' then
    return;
  end if;
  insert into public.filing_events (filing_id, institution_id, county_code, from_status, to_status, actor_id, actor_kind, actor_name,
                                    reasons, checklist, occurred_at)
  values (f.id, f.institution_id, f.county_code, 'under_review', f.status, f.reviewer_id, 'system', reviewer_name,
          case when f.status in ('returned', 'rejected') then f.decision_reasons end,
          case when f.materials <> '{}'::jsonb then f.materials end,
          coalesce(f.decided_at, f.review_started_at, f.submitted_at, f.created_at));
end;
$$;
comment on function private.synthesize_filing_events(public.filings) is '为非经 API 写入的备案（演示数据、导入）按时间戳补写状态流转记录';

create function private.filings_record_event() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
begin
  if tg_op = 'INSERT' then
    if private.is_api_user() then
      insert into public.filing_events (filing_id, institution_id, county_code, from_status, to_status, actor_id, actor_kind, actor_name)
      values (new.id, new.institution_id, new.county_code, null, new.status, uid, 'operator',
              (select p.display_name from public.profiles p where p.id = uid));
    else
      perform private.synthesize_filing_events(new);
    end if;
    return null;
  end if;
  if new.status is not distinct from old.status then
    return null;
  end if;
  insert into public.filing_events (filing_id, institution_id, county_code, from_status, to_status, actor_id, actor_kind, actor_name,
                                    reasons, checklist)
  values (new.id, new.institution_id, new.county_code, old.status, new.status, uid,
          (case when not private.is_api_user() then 'system' when new.status = 'submitted' then 'operator' else 'reviewer' end)::public.filing_actor_kind,
          (select p.display_name from public.profiles p where p.id = uid),
          case when new.status in ('returned', 'rejected') then new.decision_reasons end,
          case when new.status in ('returned', 'approved', 'rejected') and new.materials <> '{}'::jsonb then new.materials end);
  return null;
end;
$$;
create trigger filings_record_event after insert or update of status on public.filings
  for each row execute function private.filings_record_event();

-- =============================================================================================
-- Helpers
-- =============================================================================================

-- Checklist {材料类型: {ok: 是否合格, note: 意见}} → validated and normalised, else 22023.
create function private.normalize_filing_checklist(checklist jsonb) returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  item record;
  result jsonb := '{}';
begin
  if checklist is null or checklist = 'null'::jsonb then
    return result;
  end if;
  if jsonb_typeof(checklist) <> 'object' then
    raise exception '材料审核清单格式错误：应为 {材料类型: {ok, note}}' using errcode = '22023';
  end if;
  for item in select key, value from jsonb_each(checklist) loop
    if not item.key = any (enum_range(null::public.material_type)::text[]) then
      raise exception '材料审核清单中有未知的材料类型：%', item.key using errcode = '22023';
    end if;
    if jsonb_typeof(item.value) <> 'object' or jsonb_typeof(item.value -> 'ok') is distinct from 'boolean' then
      raise exception '材料“%”的审核结果应为 {ok: true/false, note: 意见}', private.material_label(item.key) using errcode = '22023';
    end if;
    if item.value ? 'note' and jsonb_typeof(item.value -> 'note') not in ('string', 'null') then
      raise exception '材料“%”的审核意见应为文字', private.material_label(item.key) using errcode = '22023';
    end if;
    if length(item.value ->> 'note') > 500 then
      raise exception '材料“%”的审核意见不能超过500字', private.material_label(item.key) using errcode = '22023';
    end if;
    result := result || jsonb_build_object(item.key, jsonb_strip_nulls(jsonb_build_object(
      'ok', (item.value ->> 'ok')::boolean, 'note', nullif(btrim(item.value ->> 'note'), ''))));
  end loop;
  return result;
end;
$$;
comment on function private.normalize_filing_checklist(jsonb) is '校验并规范化材料审核清单';

-- Reasons for return/reject: trimmed, 2–2000 characters.
create function private.require_reasons(reasons text, action text) returns text
language plpgsql
immutable
set search_path = ''
as $$
begin
  if coalesce(length(btrim(reasons)), 0) < 2 then
    raise exception '请填写%理由（至少2个字），告知机构需要补正的内容', action using errcode = '23514';
  end if;
  if length(btrim(reasons)) > 2000 then
    raise exception '%理由不能超过2000字', action using errcode = '23514';
  end if;
  return btrim(reasons);
end;
$$;

-- Shared steps of the RPCs (SECURITY INVOKER: the caller's RLS applies) ------------------------------

-- The filing, locked, if the caller is a member of its institution.
create function private.lock_filing_for_operator(id uuid) returns public.filings
language plpgsql
set search_path = ''
as $$
declare
  f public.filings;
begin
  if (select auth.uid()) is null then
    raise exception '请先登录' using errcode = '42501';
  end if;
  select * into f from public.filings x where x.id = lock_filing_for_operator.id;
  if f.id is null then
    raise exception '备案不存在或无权查看' using errcode = '42501';
  end if;
  if not f.institution_id = any (array(select private.member_institution_ids())) then
    raise exception '只有本机构账号可以办理本机构的备案' using errcode = '42501';
  end if;
  select * into f from public.filings x where x.id = f.id for update;
  return f;
end;
$$;

-- The filing, locked, if the caller is the county admin of its county.
create function private.lock_filing_for_review(id uuid) returns public.filings
language plpgsql
set search_path = ''
as $$
declare
  f public.filings;
begin
  if (select auth.uid()) is null then
    raise exception '请先登录' using errcode = '42501';
  end if;
  select * into f from public.filings x where x.id = lock_filing_for_review.id;
  if f.id is null then
    raise exception '备案不存在或无权查看' using errcode = '42501';
  end if;
  if not private.has_scope(f.county_code, '{county_admin}') then
    raise exception '只有属地县级卫健部门可以审核备案（本账号只能查看）' using errcode = '42501';
  end if;
  select * into f from public.filings x where x.id = f.id for update;
  return f;
end;
$$;

-- Return and reject share one path: lock, idempotent repeat, state check, reasons, checklist merge.
create function private.decide_filing_with_reasons(
  filing_id uuid, decision public.filing_status, reasons text, checklist jsonb, action_label text, refusal text
) returns public.filings
language plpgsql
set search_path = ''
as $$
declare
  f public.filings;
  why text;
begin
  f := private.lock_filing_for_review(decide_filing_with_reasons.filing_id);
  if f.status = decide_filing_with_reasons.decision then
    return f;
  end if;
  if f.status <> 'under_review' then
    raise exception '备案当前状态为“%”，%', private.filing_status_label(f.status),
      decide_filing_with_reasons.refusal || case when f.status = 'submitted' then '，请先开始审核' else '' end
      using errcode = '23514';
  end if;
  why := private.require_reasons(decide_filing_with_reasons.reasons, decide_filing_with_reasons.action_label);
  update public.filings x
     set status = decide_filing_with_reasons.decision, decision_reasons = why,
         materials = x.materials || private.normalize_filing_checklist(decide_filing_with_reasons.checklist)
   where x.id = f.id
  returning * into f;
  return f;
end;
$$;

-- Public verification (certificate QR) ------------------------------------------------------------------
create function private.verify_filing(filing_no text) returns table (
  institution_name text,
  institution_type public.institution_type,
  county_code text,
  county_name text,
  filing_no text,
  status public.institution_status,
  status_label text,
  filed_on date,
  affordable boolean
)
language sql
stable
security definer
set search_path = ''
as $$
  select i.name, i.type, i.county_code, r.name, i.filing_no, i.status,
         private.institution_status_label(i.status),
         (i.filed_at at time zone 'Asia/Shanghai')::date, i.affordable
    from public.institutions i
    left join public.regions r on r.code = i.county_code
   where i.filing_no = btrim(verify_filing.filing_no)
     and i.status in ('filed', 'suspended', 'cancelled', 'revoked')
     -- only a number an approved new filing of this institution issued is a certificate
     and exists (select 1 from public.filings f
                  where f.filing_no = i.filing_no and f.institution_id = i.id and f.kind = 'new' and f.status = 'approved')
   limit 1
$$;
comment on function private.verify_filing(text) is '按备案号查询公开信息（供 public.verify_filing 调用；仅认备案审核通过时产生的备案号）';

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.filing_events enable row level security;
create policy filing_events_select_member on public.filing_events
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy filing_events_select_staff on public.filing_events
  for select to authenticated using (county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin,inspector}'))));
revoke all on public.filing_events from anon;
revoke insert, update, delete, truncate on public.filing_events from authenticated;
grant select on public.filing_events to authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

-- RPCs: operator -------------------------------------------------------------------------------------

create function public.create_filing_draft(institution_id uuid, kind text default 'new') returns public.filings
language plpgsql
set search_path = ''
as $$
declare
  inst uuid := create_filing_draft.institution_id;
  k public.filing_kind;
  f public.filings;
begin
  if (select auth.uid()) is null then
    raise exception '请先登录' using errcode = '42501';
  end if;
  if not coalesce(create_filing_draft.kind, 'new') = any (enum_range(null::public.filing_kind)::text[]) then
    raise exception '备案类型无效：应为 new（新办）、change（变更）或 cancel（注销）' using errcode = '22023';
  end if;
  k := coalesce(create_filing_draft.kind, 'new')::public.filing_kind;
  if inst is null or not inst = any (array(select private.member_institution_ids())) then
    raise exception '只有本机构账号可以发起本机构的备案' using errcode = '42501';
  end if;
  -- double clicks and retries of one institution run one after the other
  perform pg_advisory_xact_lock(hashtext('create_filing_draft:' || inst::text));
  select * into f from public.filings x
   where x.institution_id = inst and x.status in ('draft', 'submitted', 'under_review', 'returned')
   order by x.created_at desc
   limit 1;
  if f.id is not null then
    if f.kind = k then
      return f;
    end if;
    raise exception '本机构已有一份进行中的%（%），请先办结或删除后再发起%',
      private.filing_kind_label(f.kind), private.filing_status_label(f.status), private.filing_kind_label(k)
      using errcode = '23514';
  end if;
  insert into public.filings (institution_id, kind) values (inst, k) returning * into f;
  return f;
end;
$$;
comment on function public.create_filing_draft(uuid, text) is '机构发起备案（new 新办 / change 变更 / cancel 注销）；已有同类进行中的备案时返回该备案';

create function public.attach_filing_document(
  filing_id uuid,
  material_type text,
  storage_path text,
  file_name text default null
) returns public.filing_documents
language plpgsql
set search_path = ''
as $$
#variable_conflict use_column
declare
  f public.filings;
  obj record;
  d public.filing_documents;
  mime text;
  bytes bigint;
begin
  f := private.lock_filing_for_operator(attach_filing_document.filing_id);
  if f.status not in ('draft', 'returned') then
    raise exception '备案%，不能再增删材料', private.filing_status_label(f.status) using errcode = '23514';
  end if;
  if attach_filing_document.material_type is null
     or not attach_filing_document.material_type = any (enum_range(null::public.material_type)::text[]) then
    raise exception '材料类型无效：%', attach_filing_document.material_type using errcode = '22023';
  end if;
  select o.name, o.metadata into obj from storage.objects o
   where o.bucket_id = 'filing-documents' and o.name = attach_filing_document.storage_path;
  if obj.name is null then
    raise exception '没有找到已上传的文件：%', attach_filing_document.storage_path using errcode = '23514',
      hint = format('请先把文件上传到存储桶 filing-documents 的 %s/%s/%s/ 目录', f.county_code, f.institution_id, f.id);
  end if;
  mime := obj.metadata ->> 'mimetype';
  bytes := (obj.metadata ->> 'size')::bigint;
  if mime is null or mime not in ('image/jpeg', 'image/png', 'application/pdf') then
    raise exception '文件类型不支持（%）：请上传 JPG、PNG 图片或 PDF 文件', coalesce(mime, '未知') using errcode = '23514';
  end if;
  if bytes is null or bytes <= 0 or bytes > 20971520 then
    raise exception '文件大小应在 20MB 以内' using errcode = '23514';
  end if;
  insert into public.filing_documents (filing_id, material_type, storage_path, file_name, mime_type, size_bytes)
  values (f.id, attach_filing_document.material_type::public.material_type, obj.name,
          left(coalesce(nullif(btrim(attach_filing_document.file_name), ''), storage.filename(obj.name)), 200), mime, bytes)
  on conflict (storage_path) do nothing
  returning * into d;
  if d.id is null then
    select * into d from public.filing_documents x where x.storage_path = obj.name;
    if d.filing_id is distinct from f.id or d.material_type::text is distinct from attach_filing_document.material_type then
      raise exception '该文件已登记为其他材料' using errcode = '23514';
    end if;
  end if;
  return d;
end;
$$;
comment on function public.attach_filing_document(uuid, text, text, text) is '登记已上传到 filing-documents 存储桶的备案材料（文件类型和大小以存储对象为准；重复登记返回原记录）';

create function public.submit_filing(filing_id uuid, accept_pledge boolean default false) returns public.filings
language plpgsql
set search_path = ''
as $$
declare
  f public.filings;
begin
  f := private.lock_filing_for_operator(submit_filing.filing_id);
  if f.status in ('submitted', 'under_review') then
    return f; -- 已提交：重复提交（双击、重试）返回原记录，不改变任何内容
  end if;
  if f.status not in ('draft', 'returned') then
    raise exception '备案已办结（%），不能再提交；如需变更请发起变更备案', private.filing_status_label(f.status) using errcode = '23514';
  end if;
  -- private.filings_before_write checks the pledge and every required material (23514, Chinese)
  update public.filings x
     set status = 'submitted', pledge_accepted = x.pledge_accepted or coalesce(submit_filing.accept_pledge, false)
   where x.id = f.id
  returning * into f;
  return f;
end;
$$;
comment on function public.submit_filing(uuid, boolean) is '机构提交备案（accept_pledge = 同时签署承诺书）；缺材料或未签承诺书时报错且不做任何修改；已提交的再次提交返回原记录';

-- RPCs: county health bureau ---------------------------------------------------------------------------

create function public.start_filing_review(filing_id uuid) returns public.filings
language plpgsql
set search_path = ''
as $$
declare
  f public.filings;
begin
  f := private.lock_filing_for_review(start_filing_review.filing_id);
  if f.status = 'under_review' then
    return f;
  end if;
  if f.status <> 'submitted' then
    raise exception '备案当前状态为“%”，不能开始审核', private.filing_status_label(f.status) using errcode = '23514';
  end if;
  update public.filings x set status = 'under_review' where x.id = f.id returning * into f;
  return f;
end;
$$;
comment on function public.start_filing_review(uuid) is '县级卫健部门开始审核已提交的备案（重复调用返回原记录）';

create function public.approve_filing(filing_id uuid, checklist jsonb default '{}') returns public.filings
language plpgsql
set search_path = ''
as $$
declare
  f public.filings;
begin
  f := private.lock_filing_for_review(approve_filing.filing_id);
  if f.status = 'approved' then
    return f;
  end if;
  if f.status <> 'under_review' then
    raise exception '备案当前状态为“%”，不能准予备案%', private.filing_status_label(f.status),
      case when f.status = 'submitted' then '，请先开始审核' else '' end using errcode = '23514';
  end if;
  -- private.filings_before_write checks every material is marked 审核合格 (23514 with the list) and
  -- assigns the filing number under a per-county lock
  update public.filings x set status = 'approved', materials = x.materials || private.normalize_filing_checklist(approve_filing.checklist)
   where x.id = f.id returning * into f;
  return f;
end;
$$;
comment on function public.approve_filing(uuid, jsonb) is '准予备案：全部必需材料须在清单中标记合格；新办备案生成备案号（县区代码6位+年份+4位序号）；重复调用返回原记录';

create function public.return_filing(filing_id uuid, reasons text, checklist jsonb default '{}') returns public.filings
language sql
set search_path = ''
as $$
  select * from private.decide_filing_with_reasons(return_filing.filing_id, 'returned', return_filing.reasons,
    return_filing.checklist, '退回', '不能退回')
$$;
comment on function public.return_filing(uuid, text, jsonb) is '退回修改（须填写理由，可附材料审核清单）；重复调用返回原记录';

create function public.reject_filing(filing_id uuid, reasons text, checklist jsonb default '{}') returns public.filings
language sql
set search_path = ''
as $$
  select * from private.decide_filing_with_reasons(reject_filing.filing_id, 'rejected', reject_filing.reasons,
    reject_filing.checklist, '不予备案', '不能作出不予备案决定')
$$;
comment on function public.reject_filing(uuid, text, jsonb) is '不予备案（须填写理由，可附材料审核清单）；重复调用返回原记录';

-- Public verification (certificate QR): private.verify_filing reads the institution as its owner.
-- Before/after of a change filing, one row per proposed item (the reviewer's diff). Security
-- invoker: whoever may read the filing and the institution's rows sees it.
create function public.filing_change_diff(filing_id uuid) returns table (field text, before jsonb, after jsonb)
language plpgsql
stable
set search_path = ''
as $$
declare
  f public.filings;
  cur jsonb;
begin
  select * into f from public.filings x where x.id = filing_change_diff.filing_id;
  if f.id is null then
    raise exception '备案不存在' using errcode = 'P0002';
  end if;
  select to_jsonb(i) || jsonb_build_object(
           'site', (select jsonb_build_object('address', s.address, 'lat', s.lat, 'lng', s.lng)
                      from public.institution_sites s where s.institution_id = i.id),
           'classes', (select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name, 'class_type', c.class_type,
                                 'min_age_months', c.min_age_months, 'max_age_months', c.max_age_months,
                                 'capacity', c.capacity, 'carers', c.carers) order by c.created_at, c.id), '[]')
                         from public.classes c where c.institution_id = i.id))
    into cur
    from (select x.name, x.type, x.ownership, x.operating_model, x.street_code, x.affordable, x.meals_served,
                 x.services, x.fee_items, x.id
            from public.institutions x where x.id = f.institution_id) i;
  return query
    select k, cur -> k, f.changes -> k
      from jsonb_object_keys(f.changes) k
     order by array_position('{name,type,ownership,operating_model,street_code,affordable,meals_served,services,fee_items,site,classes}'::text[], k);
end;
$$;
comment on function public.filing_change_diff(uuid) is '变更备案的变更前后对照（每个拟变更项目一行：field 项目, before 现登记内容, after 拟变更内容）';

create function public.verify_filing(filing_no text) returns table (
  institution_name text,
  institution_type public.institution_type,
  county_code text,
  county_name text,
  filing_no text,
  status public.institution_status,
  status_label text,
  filed_on date,
  affordable boolean
)
language sql
stable
set search_path = ''
as $$ select * from private.verify_filing(verify_filing.filing_no) $$;
comment on function public.verify_filing(text) is '备案核验（证书二维码）：返回机构名称、类型、县区、备案号、状态、备案日期、是否普惠；查无此号返回空';

-- Grants ------------------------------------------------------------------------------------------------
revoke execute on all functions in schema private from public;
grant execute on function
  private.normalize_filing_checklist(jsonb),
  private.require_reasons(text, text),
  private.lock_filing_for_operator(uuid),
  private.lock_filing_for_review(uuid),
  private.decide_filing_with_reasons(uuid, public.filing_status, text, jsonb, text, text)
  to authenticated, service_role;
grant execute on function private.verify_filing(text) to anon, authenticated, service_role;

revoke execute on function
  public.create_filing_draft(uuid, text),
  public.attach_filing_document(uuid, text, text, text),
  public.submit_filing(uuid, boolean),
  public.start_filing_review(uuid),
  public.approve_filing(uuid, jsonb),
  public.return_filing(uuid, text, jsonb),
  public.reject_filing(uuid, text, jsonb),
  public.filing_change_diff(uuid)
  from public, anon;
grant execute on function
  public.create_filing_draft(uuid, text),
  public.attach_filing_document(uuid, text, text, text),
  public.submit_filing(uuid, boolean),
  public.start_filing_review(uuid),
  public.approve_filing(uuid, jsonb),
  public.return_filing(uuid, text, jsonb),
  public.reject_filing(uuid, text, jsonb),
  public.filing_change_diff(uuid)
  to authenticated, service_role;
revoke execute on function public.verify_filing(text) from public;
grant execute on function public.verify_filing(text) to anon, authenticated, service_role;
