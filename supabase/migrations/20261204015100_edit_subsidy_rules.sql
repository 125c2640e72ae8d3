-- =============================================================================================
-- 补贴标准 Editing subsidy rules (issue 15 §5)
--   subsidy_rules (…6500_create_subsidies.sql) had RLS for writes but no screen and only English
--   check-constraint errors. This migration adds:
--     private.subsidy_rules_before_write   the rules of a rule, with Chinese errors, before the
--                                          constraints and row security see the row (a duplicate
--                                          is left to the unique constraint: on conflict works)
--     public.effective_subsidy_rules       the rules in force for a region and year, own or
--                                          inherited, with their source region (as
--                                          private.subsidy_rule_region resolves them)
--     permission subsidy.rule.edit         province, city and county admins (the menu 「补贴标准」)
--
-- Who writes: admins (province/city/county) whose scope covers the rule's region — the policies of
-- …6500 (regions_in_scope); the national rules (region_code null) are the migrations'. Everybody
-- reads (policy subsidy_rules_select_public).
-- A rule's region, year, kind and class type are its identity: they are not edited (end the rule —
-- delete it — and add another). Amounts and conditions may change at any time: an application keeps
-- what was computed when it was submitted (subsidy_application_lines hold the rate and amount of
-- each line, subsidy_applications the totals and rule_region_code); only a returned application
-- that the institution submits again is computed anew, from the rules then in force.
-- Limits (also in @tuoyu/domain SUBSIDY_RULE_LIMITS for the form):
--   amount_yuan  > 0 (the column, numeric(10, 2), keeps it to the fen); operating ≤ 50,000 元/生·年, construction ≤ 100,000 元/托位
--   min_months   0–6 (months of the half-year); basis ≤ 300 characters; year 2000–2100
-- =============================================================================================

create function private.subsidy_rules_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  reg public.regions%rowtype;
begin
  if tg_op = 'UPDATE' and (new.region_code is distinct from old.region_code or new.year is distinct from old.year
                           or new.kind is distinct from old.kind or new.class_type is distinct from old.class_type) then
    raise exception '补贴标准的区划、年度、类别和班型不能修改' using errcode = '23514',
      hint = '如需调整，请停用该标准后重新添加';
  end if;
  if new.region_code is null then
    if private.is_api_user() then
      raise exception '全国标准不能在此设定，请选择省、市或县（区）' using errcode = '42501';
    end if;
  else
    select * into reg from public.regions r where r.code = new.region_code;
    if reg.code is null then
      raise exception '区划不存在：%', new.region_code using errcode = '23503';
    end if;
    if reg.level not in ('province', 'city', 'county') then
      raise exception '补贴标准只能按省、市或县（区）设定，不能按街道（乡镇）设定' using errcode = '23514';
    end if;
    if private.is_api_user()
       and not (new.region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}')))) then
      raise exception '只有管辖%的省、市、县级管理员可以设定其补贴标准', reg.name using errcode = '42501';
    end if;
  end if;
  if new.year is null or new.year < 2000 or new.year > 2100 then
    raise exception '年度应在 2000～2100 之间' using errcode = '23514';
  end if;
  if new.kind = 'operating' and new.class_type is null then
    raise exception '运营补贴须选择班型' using errcode = '23514';
  end if;
  if new.kind = 'construction' and new.class_type is not null then
    raise exception '建设补助按新增普惠托位计算，不分班型' using errcode = '23514';
  end if;
  if new.amount_yuan is null or new.amount_yuan <= 0 then
    raise exception '补贴标准金额应大于 0 元' using errcode = '23514';
  end if;
  if new.kind = 'operating' and new.amount_yuan > 50000 then
    raise exception '运营补贴标准不能超过每生每年 50,000 元' using errcode = '23514', hint = '请核对金额单位（元/生·年）';
  end if;
  if new.kind = 'construction' and new.amount_yuan > 100000 then
    raise exception '建设补助标准不能超过每个托位 100,000 元' using errcode = '23514', hint = '请核对金额单位（元/托位）';
  end if;
  if new.min_months is null or new.min_months < 0 or new.min_months > 6 then
    raise exception '最少在托月数应为 0～6 个月' using errcode = '23514';
  end if;
  new.basis := nullif(btrim(new.basis), '');
  if length(new.basis) > 300 then
    raise exception '依据（文件名称）不能超过 300 个字' using errcode = '23514';
  end if;
  -- a duplicate is left to subsidy_rules_unique (so `on conflict do nothing` keeps working; the apps
  -- word it through @tuoyu/domain CONSTRAINT_MESSAGES)
  return new;
end;
$$;
comment on function private.subsidy_rules_before_write() is '补贴标准写入校验（中文提示）：区划须为省、市、县且在管辖范围内；金额、条件、年度有效；区划、年度、类别、班型不可修改（重复由唯一约束拒绝）';
create trigger subsidy_rules_before_write before insert or update on public.subsidy_rules
  for each row execute function private.subsidy_rules_before_write();

-- The rules in force for a region and year: per kind, the most specific region (the region itself,
-- its city, its province, national) that has rules of that kind — private.subsidy_rule_region, the
-- one the computation uses. Rules are public; `editable` tells the caller which they may change.
create function public.effective_subsidy_rules(region_code text, year integer)
returns table (
  id bigint,
  kind public.subsidy_kind,
  class_type public.class_type,
  amount_yuan numeric,
  requires_affordable boolean,
  requires_filed boolean,
  min_months smallint,
  basis text,
  source_region_code text,
  source_region_name text,
  source_level public.region_level,
  inherited boolean,
  editable boolean,
  updated_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  reg public.regions%rowtype;
begin
  select * into reg from public.regions r where r.code = effective_subsidy_rules.region_code;
  if reg.code is null or reg.level not in ('province', 'city', 'county') then
    raise exception '请选择省、市或县（区）' using errcode = '22023';
  end if;
  if effective_subsidy_rules.year is null or effective_subsidy_rules.year < 2000 or effective_subsidy_rules.year > 2100 then
    raise exception '年度应在 2000～2100 之间' using errcode = '22023';
  end if;
  return query
    select r.id, r.kind, r.class_type, r.amount_yuan, r.requires_affordable, r.requires_filed, r.min_months, r.basis,
           r.region_code, coalesce(src.name, '全国'), src.level,
           r.region_code is distinct from reg.code,
           r.region_code is not null
             and r.region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))),
           r.updated_at
      from unnest(enum_range(null::public.subsidy_kind)) k
      cross join lateral private.subsidy_rule_region(reg.code, effective_subsidy_rules.year, k) w
      join public.subsidy_rules r on r.year = effective_subsidy_rules.year and r.kind = k
                                 and r.region_code is not distinct from w.region_code
      left join public.regions src on src.code = r.region_code
     order by r.kind, r.class_type;
end;
$$;
comment on function public.effective_subsidy_rules(text, integer) is '某区划某年度适用的补贴标准（本级或沿用上级：县、市、省、全国就近，按类别整套适用），注明来源区划、是否沿用、调用者能否修改';

revoke execute on function private.subsidy_rules_before_write() from public;
revoke execute on function public.effective_subsidy_rules(text, integer) from public;
grant execute on function public.effective_subsidy_rules(text, integer) to anon, authenticated, service_role;

-- =============================================================================================
-- Permissions (menu 「补贴标准」 and its buttons)
-- =============================================================================================

insert into private.role_permissions (role, permission) values
  ('province_admin', 'subsidy.rule.edit'), ('city_admin', 'subsidy.rule.edit'), ('county_admin', 'subsidy.rule.edit')
on conflict do nothing;
