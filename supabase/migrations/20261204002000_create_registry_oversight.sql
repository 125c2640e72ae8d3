-- =============================================================================================
-- 备案后监管 Registry oversight (issue 13 §2)
--   set_institution_status   county admin suspends (暂停), reinstates or revokes (撤销备案) a filed
--                            institution with a reason; the public page shows status and reason
--   filing_notices           problems found after filing (备案后发现的问题): notified to the operator
--                            within 15 working days of the filing, recorded, with a deadline to fix
-- =============================================================================================

-- =============================================================================================
-- Tables
-- =============================================================================================

create table public.filing_notices (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references public.institutions (id) on delete cascade,
  filing_id uuid not null references public.filings (id) on delete cascade,
  county_code text not null,
  city_code text generated always as (substr(county_code, 1, 4) || '00000000') stored,
  province_code text generated always as (substr(county_code, 1, 2) || '0000000000') stored,
  problem text not null check (length(btrim(problem)) between 2 and 2000),
  notify_by date not null,
  rectify_by date not null,
  notified_at timestamptz not null default now(),
  resolved_at timestamptz,
  operator_reply text check (length(operator_reply) <= 2000),
  created_by uuid references auth.users (id) on delete set null default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.filing_notices is '备案后发现问题的告知：县级卫健部门自备案之日起15个工作日内告知机构并记录，限期改正';
comment on column public.filing_notices.id is '主键';
comment on column public.filing_notices.institution_id is '机构ID';
comment on column public.filing_notices.filing_id is '所涉备案ID（已通过的备案）';
comment on column public.filing_notices.county_code is '所在县区代码（触发器维护）';
comment on column public.filing_notices.city_code is '所在市代码（由县区代码推导）';
comment on column public.filing_notices.province_code is '所在省代码（由县区代码推导）';
comment on column public.filing_notices.problem is '发现的问题';
comment on column public.filing_notices.notify_by is '告知期限（备案通过后第15个工作日）';
comment on column public.filing_notices.rectify_by is '改正期限';
comment on column public.filing_notices.notified_at is '告知时间';
comment on column public.filing_notices.resolved_at is '问题已改正的确认时间（县级卫健部门）';
comment on column public.filing_notices.operator_reply is '机构的改正说明';
comment on column public.filing_notices.created_by is '告知人';
comment on column public.filing_notices.created_at is '创建时间';
comment on column public.filing_notices.updated_at is '更新时间';
create index filing_notices_institution_id_idx on public.filing_notices (institution_id);
create index filing_notices_filing_id_idx on public.filing_notices (filing_id);
create index filing_notices_county_code_idx on public.filing_notices (county_code);
create index filing_notices_city_code_idx on public.filing_notices (city_code);
create index filing_notices_province_code_idx on public.filing_notices (province_code);
create index filing_notices_created_by_idx on public.filing_notices (created_by);

-- =============================================================================================
-- Triggers
-- =============================================================================================

create trigger filing_notices_touch_updated_at before update on public.filing_notices
  for each row execute function private.touch_updated_at();

-- County, deadlines and who writes what: the county admin records the notice (only on an
-- approved filing of their county) and confirms the fix; the operator writes only the reply.
create function private.filing_notices_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  f public.filings%rowtype;
begin
  if tg_op = 'UPDATE' then
    new.institution_id := old.institution_id;
    new.filing_id := old.filing_id;
    new.county_code := old.county_code;
    new.notify_by := old.notify_by;
    new.notified_at := old.notified_at;
    new.created_by := old.created_by;
    if private.is_api_user() and not private.has_scope(old.county_code, '{county_admin}') then
      if (new.problem, new.rectify_by, new.resolved_at) is distinct from (old.problem, old.rectify_by, old.resolved_at) then
        raise exception '机构只能填写改正说明' using errcode = '42501';
      end if;
    elsif private.is_api_user() and new.operator_reply is distinct from old.operator_reply then
      raise exception '改正说明由机构填写' using errcode = '42501';
    end if;
    return new;
  end if;
  select * into f from public.filings x where x.id = new.filing_id;
  if f.id is null or (private.is_api_user() and not private.has_scope(f.county_code, '{county_admin}')) then
    raise exception '备案不存在' using errcode = '23503';
  end if;
  if f.status <> 'approved' then
    raise exception '只能对已通过的备案告知问题' using errcode = '23514';
  end if;
  new.institution_id := f.institution_id;
  new.county_code := f.county_code;
  new.notify_by := public.add_working_days((f.decided_at at time zone 'Asia/Shanghai')::date, 15);
  new.resolved_at := null;
  new.operator_reply := null;
  if private.is_api_user() then
    new.created_by := (select auth.uid());
    new.notified_at := now();
    if (now() at time zone 'Asia/Shanghai')::date > new.notify_by then
      raise exception '已超过告知期限（备案通过后15个工作日，即 %）', new.notify_by using errcode = '23514',
        hint = '超过期限发现的问题，请通过监督检查处理';
    end if;
  end if;
  if new.rectify_by is null or new.rectify_by < (new.notified_at at time zone 'Asia/Shanghai')::date then
    raise exception '请填写不早于今天的改正期限' using errcode = '23514';
  end if;
  return new;
end;
$$;
create trigger filing_notices_before_write before insert or update on public.filing_notices
  for each row execute function private.filing_notices_before_write();

create trigger filing_notices_audit after insert or update or delete on public.filing_notices
  for each row execute function private.audit_row();

-- =============================================================================================
-- Policies
-- =============================================================================================

alter table public.filing_notices enable row level security;
create policy filing_notices_select_member on public.filing_notices
  for select to authenticated using (institution_id = any (array(select private.member_institution_ids())));
create policy filing_notices_select_staff on public.filing_notices
  for select to authenticated using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin,inspector}'))));
create policy filing_notices_insert_county_admin on public.filing_notices
  for insert to authenticated with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy filing_notices_update_county_admin on public.filing_notices
  for update to authenticated
  using (county_code = any (array(select private.counties_in_scope('{county_admin}'))))
  with check (county_code = any (array(select private.counties_in_scope('{county_admin}'))));
create policy filing_notices_update_member on public.filing_notices
  for update to authenticated
  using (institution_id = any (array(select private.member_institution_ids())))
  with check (institution_id = any (array(select private.member_institution_ids())));
revoke all on public.filing_notices from anon;
revoke delete, truncate on public.filing_notices from authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

-- Suspend / reinstate / revoke (definer after its own scope check; the institutions trigger still
-- decides which moves are allowed; the reason is public on the institution page).
create function public.set_institution_status(institution_id uuid, status text, reason text default null)
returns public.institution_status
language plpgsql
security definer
set search_path = ''
as $$
declare
  result public.institution_status;
begin
  if set_institution_status.status is null or set_institution_status.status not in ('filed', 'suspended', 'revoked') then
    raise exception '状态无效：应为 suspended（暂停）、filed（恢复）或 revoked（撤销备案）' using errcode = '22023';
  end if;
  if not private.has_scope(private.institution_county(set_institution_status.institution_id), '{county_admin}') then
    raise exception '机构不存在' using errcode = 'P0002';
  end if;
  update public.institutions i
     set status = set_institution_status.status::public.institution_status,
         status_reason = nullif(btrim(set_institution_status.reason), '')
   where i.id = set_institution_status.institution_id
  returning i.status into result;
  if result is null then
    raise exception '机构不存在' using errcode = 'P0002';
  end if;
  return result;
end;
$$;
comment on function public.set_institution_status(uuid, text, text) is '县级卫健部门暂停（suspended）、恢复（filed）或撤销备案（revoked）已备案机构，暂停和撤销须填写理由';
revoke execute on function public.set_institution_status(uuid, text, text) from public, anon;
grant execute on function public.set_institution_status(uuid, text, text) to authenticated, service_role;
