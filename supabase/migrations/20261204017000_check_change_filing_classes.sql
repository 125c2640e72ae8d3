-- =============================================================================================
-- 变更备案提交时检查班级 (issue 13 §2): a change filing whose class list (or new institution type)
-- breaks the class rules is refused when the operator submits it, not only when the county approves
-- it. One home for the rules: private.class_fits_problem checks one class against a given
-- institution row and a given total of the institution's other classes (the home-based cap of 5);
-- private.check_class_fits (the classes/institutions triggers) and the submit check both call it.
--   class_fits_problem            the class rules, one class (raises 23514, Chinese)
--   class_fits_naming             the same, the class's name in the hint
--   check_class_fits              unchanged signature: the other classes' total read from the table
--   check_proposed_classes        the institution and class list as they would be after the change:
--                                 each class's own values in words (name, ages, places, carers — the
--                                 classes table's checks), the class rules, kept classes with room for
--                                 their children, no class with children left out (= removed)
--   filings_check_proposed_classes  BEFORE UPDATE on filings, only draft/returned → submitted of kind change
-- The approval still checks everything again (the rules in force may have changed in between).
-- =============================================================================================

-- =============================================================================================
-- Helpers
-- =============================================================================================

create function private.class_fits_problem(inst public.institutions, c public.classes, other_home_capacity integer) returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  rule public.class_type_rules%rowtype;
  label text := case c.class_type when 'infant' then '乳儿班' when 'toddler' then '托小班'
                     when 'older_toddler' then '托大班' else '混龄班' end;
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
    if c.capacity + coalesce(other_home_capacity, 0) > 5 then
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
comment on function private.class_fits_problem(public.institutions, public.classes, integer) is
  '单个班级是否符合班型规则（月龄、班额、配比）与家庭托育点上限（本班与其他班级合计≤5人、1:3），按给定的机构信息和其他班级托位合计检查，不符合时报错';

-- Same signature as before (the classes and institutions triggers call it): the other classes'
-- total is the institution's registered classes except this one.
create or replace function private.check_class_fits(inst public.institutions, c public.classes) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  home_total integer := 0;
begin
  if inst.type = 'home_based' then
    select coalesce(sum(x.capacity), 0) into home_total from public.classes x
     where x.institution_id = inst.id and x.id <> c.id;
  end if;
  perform private.class_fits_problem(inst, c, home_total);
end;
$$;

-- The same check, the class named in the hint (a proposal lists several classes).
create function private.class_fits_naming(inst public.institutions, c public.classes, other_home_capacity integer) returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  msg text;
begin
  perform private.class_fits_problem(inst, c, other_home_capacity);
exception when check_violation then
  get stacked diagnostics msg = message_text;
  raise exception '%', msg using errcode = '23514', hint = format('班级：%s', c.name);
end;
$$;
comment on function private.class_fits_naming(public.institutions, public.classes, integer) is '同 class_fits_problem，报错时在提示中写明班级名称';

-- The institution and its classes as a change filing would leave them (what apply_filing_changes
-- writes): the proposed type and street (the county cannot change); the proposed class list, a kept
-- class (its id among the institution's classes) with its registered enrolled count and carers
-- unless proposed, a new class with none enrolled; or, when only the type changes, the registered
-- classes. Each class must fit the rules, and a kept class keep room for the children it has.
create function private.check_proposed_classes(filing public.filings) returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  ch jsonb := filing.changes;
  inst public.institutions%rowtype;
  c public.classes%rowtype;
  total integer;
  gone record;
begin
  if filing.kind <> 'change' or not (ch ? 'classes' or ch ? 'type') then
    return;
  end if;
  select * into inst from public.institutions where id = filing.institution_id;
  if ch ? 'type' then
    inst.type := (ch ->> 'type')::public.institution_type;
  end if;
  if ch ? 'street_code' then
    inst.street_code := ch ->> 'street_code';
  end if;
  if ch ? 'classes' then
    select coalesce(sum(p.capacity), 0) into total
      from jsonb_populate_recordset(null::public.classes, ch -> 'classes') p;
    for c in
      select r.*
        from jsonb_array_elements(ch -> 'classes') with ordinality as e(x, ord)
        cross join lateral jsonb_populate_record(null::public.classes, e.x) p
        left join public.classes k on k.id = p.id and k.institution_id = inst.id
        cross join lateral jsonb_populate_record(null::public.classes, e.x || jsonb_build_object(
          'id', k.id, 'institution_id', inst.id, 'county_code', inst.county_code,
          'enrolled', coalesce(k.enrolled, 0), 'carers', coalesce(p.carers, k.carers, 0))) r
       order by e.ord
    loop
      -- the classes table's own checks, in words
      if length(btrim(coalesce(c.name, ''))) not between 1 and 50 then
        raise exception '班级名称应为1～50个字' using errcode = '23514', hint = format('班级：%s', coalesce(c.name, ''));
      end if;
      if c.min_age_months < 0 or c.max_age_months > 36 or c.min_age_months >= c.max_age_months then
        raise exception '月龄范围应在0～36个月之间，且起始月龄小于截止月龄' using errcode = '23514', hint = format('班级：%s', c.name);
      end if;
      if c.capacity <= 0 then
        raise exception '托位数应大于0' using errcode = '23514', hint = format('班级：%s', c.name);
      end if;
      if c.carers < 0 then
        raise exception '保育人员数不能为负数' using errcode = '23514', hint = format('班级：%s', c.name);
      end if;
      perform private.class_fits_naming(inst, c, total - c.capacity);
      if c.capacity < c.enrolled then
        raise exception '托位数不能少于现有在托人数（%人）', c.enrolled using errcode = '23514',
          hint = format('班级：%s', c.name);
      end if;
    end loop;
    -- a registered class the list leaves out is removed: only when no child is in it
    for gone in
      select k.name, greatest(k.enrolled, (select count(*) from public.placements p
                                             where p.class_id = k.id and p.ended_on is null))::integer as children
        from public.classes k
       where k.institution_id = inst.id
         and k.id not in (select (x ->> 'id')::uuid from jsonb_array_elements(ch -> 'classes') x
                           where x ->> 'id' is not null)
       order by k.created_at, k.id
    loop
      if gone.children > 0 then
        raise exception '不能删除有在托儿童的班级（%人）', gone.children using errcode = '23514',
          hint = format('班级：%s。请先为在托儿童调整班级或办理离园', gone.name);
      end if;
    end loop;
  else
    select coalesce(sum(x.capacity), 0) into total from public.classes x where x.institution_id = inst.id;
    for c in select * from public.classes x where x.institution_id = inst.id order by x.created_at, x.id loop
      perform private.class_fits_naming(inst, c, total - c.capacity);
    end loop;
  end if;
end;
$$;
comment on function private.check_proposed_classes(public.filings) is
  '变更备案提交和审核通过时检查：按变更后的机构类型和班级清单逐班检查名称、月龄范围、托位数、班型规则、家庭托育点上限，保留的班级托位数不少于现有在托人数，删除的班级没有在托儿童；不符合时报错';

-- =============================================================================================
-- Triggers
-- =============================================================================================

-- Fires after filings_before_write (triggers of one event run in name order), which has already
-- checked who submits, the pledge, the materials and the proposal's shape (check_filing_changes).
create function private.filings_check_proposed_classes() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.check_proposed_classes(new);
  return new;
end;
$$;
comment on function private.filings_check_proposed_classes() is '变更备案提交时检查拟变更的班级是否符合班型规则';

create trigger filings_check_proposed_classes before update of status on public.filings
  for each row
  when (old.status in ('draft', 'returned') and new.status = 'submitted' and new.kind = 'change')
  execute function private.filings_check_proposed_classes();

-- private helpers are not callable by PUBLIC (schema lints)
revoke execute on function private.class_fits_problem(public.institutions, public.classes, integer) from public;
revoke execute on function private.class_fits_naming(public.institutions, public.classes, integer) from public;
revoke execute on function private.check_proposed_classes(public.filings) from public;
revoke execute on function private.filings_check_proposed_classes() from public;
