-- =============================================================================================
-- 审计日志 Append-only audit log of every write on regulated tables
-- Written only by the trigger function private.audit_row (security definer). No API role may
-- insert, update, delete or truncate it (privileges revoked, not just missing policies), and
-- triggers refuse update/delete/truncate even for the owner.
-- =============================================================================================

-- =============================================================================================
-- Types
-- =============================================================================================

create type public.audit_action as enum ('INSERT', 'UPDATE', 'DELETE');
comment on type public.audit_action is '审计操作：INSERT 新增 / UPDATE 修改 / DELETE 删除';

-- =============================================================================================
-- Tables
-- =============================================================================================

create table public.audit_log (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  table_name text not null,
  row_id text not null,
  action public.audit_action not null,
  region_code text,
  province_code text generated always as (substr(region_code, 1, 2) || '0000000000') stored,
  city_code text generated always as (
    case when region_code !~ '^\d{2}0{10}$' then substr(region_code, 1, 4) || '00000000' end) stored,
  county_code text generated always as (
    case when region_code !~ '^\d{4}0{8}$' then substr(region_code, 1, 6) || '000000' end) stored,
  institution_id uuid,
  old_data jsonb,
  new_data jsonb
);
comment on table public.audit_log is '审计日志（只追加）：谁、何时、对哪张表哪一行做了什么修改';
comment on column public.audit_log.id is '主键';
comment on column public.audit_log.occurred_at is '发生时间';
comment on column public.audit_log.actor_id is '操作人用户ID（服务端操作为空）';
comment on column public.audit_log.actor_role is '操作角色（anon/authenticated/service_role/postgres）';
comment on column public.audit_log.table_name is '表名';
comment on column public.audit_log.row_id is '行主键';
comment on column public.audit_log.action is '操作：INSERT 新增 / UPDATE 修改 / DELETE 删除';
comment on column public.audit_log.region_code is '所属区划（县区或授权区划），用于按辖区查看';
comment on column public.audit_log.province_code is '所属省代码（由区划推导）';
comment on column public.audit_log.city_code is '所属市代码（由区划推导，省级为空）';
comment on column public.audit_log.county_code is '所属县区代码（由区划推导，省市级为空）';
comment on column public.audit_log.institution_id is '相关机构ID';
comment on column public.audit_log.old_data is '修改前的值（UPDATE 时仅含变更字段）';
comment on column public.audit_log.new_data is '修改后的值（UPDATE 时仅含变更字段）';
create index audit_log_region_code_idx on public.audit_log (region_code);
create index audit_log_province_code_idx on public.audit_log (province_code);
create index audit_log_city_code_idx on public.audit_log (city_code);
create index audit_log_county_code_idx on public.audit_log (county_code);
create index audit_log_institution_id_idx on public.audit_log (institution_id);
create index audit_log_table_row_idx on public.audit_log (table_name, row_id);
create index audit_log_actor_id_idx on public.audit_log (actor_id);
create index audit_log_occurred_at_idx on public.audit_log (occurred_at);

-- =============================================================================================
-- Triggers
-- =============================================================================================

create function private.audit_row() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  any_row jsonb := coalesce(new_row, old_row);
  old_diff jsonb;
  new_diff jsonb;
begin
  if tg_op = 'UPDATE' then
    select jsonb_object_agg(key, old_row -> key), jsonb_object_agg(key, value)
      into old_diff, new_diff
      from jsonb_each(new_row)
     where key <> 'updated_at' and value is distinct from old_row -> key;
    if new_diff is null then
      return null;
    end if;
  else
    old_diff := old_row;
    new_diff := new_row;
  end if;
  insert into public.audit_log (actor_id, actor_role, table_name, row_id, action, region_code, institution_id, old_data, new_data)
  values (
    (select auth.uid()),
    coalesce(nullif(current_setting('role', true), 'none'), session_user),
    tg_table_name,
    coalesce(any_row ->> 'id', any_row ->> 'institution_id', concat_ws('/', any_row ->> 'region_code', any_row ->> 'year')),
    tg_op::public.audit_action,
    -- rows without a region of their own (institution_members) take their institution's county
    coalesce(any_row ->> 'county_code', any_row ->> 'region_code',
             (select i.county_code from public.institutions i where i.id = (any_row ->> 'institution_id')::uuid)),
    case when tg_table_name = 'institutions' then (any_row ->> 'id')::uuid else (any_row ->> 'institution_id')::uuid end,
    old_diff,
    new_diff
  );
  return null;
end;
$$;

do $$
declare
  t text;
begin
  foreach t in array array['institutions', 'institution_sites', 'institution_members', 'classes', 'staff',
                           'filings', 'filing_documents', 'staff_scopes', 'region_populations',
                           'region_targets', 'class_type_rules']
  loop
    execute format('create trigger %I after insert or update or delete on public.%I
                    for each row execute function private.audit_row()', t || '_audit', t);
  end loop;
end
$$;

create function private.audit_log_immutable() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception '审计日志只能追加，不能修改或删除' using errcode = '42501';
end;
$$;
create trigger audit_log_no_update before update or delete on public.audit_log
  for each row execute function private.audit_log_immutable();
create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function private.audit_log_immutable();

-- =============================================================================================
-- Policies (admins: their regions, matched per level; operators: their institutions)
-- =============================================================================================

alter table public.audit_log enable row level security;
create policy audit_log_select_admin on public.audit_log
  for select to authenticated
  using (county_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or city_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}')))
         or province_code = any (array(select private.scope_codes('{province_admin,city_admin,county_admin}'))));
create policy audit_log_select_member on public.audit_log
  for select to authenticated
  using (institution_id = any (array(select private.member_institution_ids())));

revoke all on public.audit_log from anon, authenticated, service_role;
grant select on public.audit_log to authenticated, service_role;

revoke execute on all functions in schema private from public;
