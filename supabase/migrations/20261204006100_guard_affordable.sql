-- =============================================================================================
-- 普惠由县级认定 Affordable status is designated by the county (issue 15 §1)
-- Operators no longer tick 普惠: API users may not register an institution as 普惠, change the flag
-- directly (the county admin included) or propose it in a change filing; the county designates or
-- withdraws it with a date and a basis through designate_affordable() (20261204006000), which sets
-- the transaction-local flag tuoyu.affordable_designation. The service role, seeds and migrations
-- are not API users and keep writing it (imports of designations made elsewhere).
-- =============================================================================================

create function private.institutions_guard_affordable() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not private.is_api_user() or coalesce(current_setting('tuoyu.affordable_designation', true), '') = 'on' then
    return new;
  end if;
  if tg_op = 'INSERT' and new.affordable then
    raise exception '普惠托育机构由县级卫健部门认定，登记机构时不能自行选择' using errcode = '42501',
      hint = '备案通过后，由县级卫健部门办理普惠认定';
  end if;
  if tg_op = 'UPDATE' and new.affordable is distinct from old.affordable then
    raise exception '普惠性质只能由县级卫健部门通过普惠认定变更（须填写认定日期和依据）' using errcode = '42501',
      hint = '县级卫健部门使用普惠认定（designate_affordable）办理';
  end if;
  return new;
end;
$$;
comment on function private.institutions_guard_affordable() is '普惠性质只经县级卫健部门的普惠认定（designate_affordable）写入，API 用户不能自行勾选或修改';
create trigger institutions_guard_affordable before insert or update of affordable on public.institutions
  for each row execute function private.institutions_guard_affordable();

create function private.filings_refuse_affordable_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if private.is_api_user() and new.changes ? 'affordable'
     and (tg_op = 'INSERT' or new.changes is distinct from old.changes) then
    raise exception '普惠性质由县级卫健部门认定，不能通过变更备案申请' using errcode = '22023',
      hint = '请从变更内容中去掉“普惠性质”';
  end if;
  return new;
end;
$$;
comment on function private.filings_refuse_affordable_change() is '变更备案不能申请普惠性质（由县级卫健部门认定）';
create trigger filings_refuse_affordable_change before insert or update of changes on public.filings
  for each row execute function private.filings_refuse_affordable_change();

comment on column public.institutions.affordable is '是否普惠托育机构（县级卫健部门认定，见 affordable_designations；机构不能自行勾选）';

revoke execute on all functions in schema private from public;
