-- =============================================================================================
-- 变更备案的班级清单：提交时（和审核通过时）再多查两类问题 (issue 13 §2)
--   1. each proposed class's own values (name 1–50 characters, 0 ≤ start < end ≤ 36 months, places
--      > 0, carers ≥ 0): before, a proposal breaking them was accepted at submit and failed at
--      approval with the classes table's constraint error (no Chinese, no class named);
--   2. a registered class left out of the list (= removed) while children are in it (declared
--      enrolled or active placements): the approval would have deleted it and set the children's
--      placements to no class. Refused with the class named; the children must move first.
--   private.check_proposed_classes keeps its signature; private.apply_filing_changes (approval)
--   now runs it first, so the approval checks the same things with the rules in force then, and a
--   new class sent with "id": null no longer empties the list of kept ids (NOT IN with a null
--   deleted nothing, so removed classes stayed).
-- =============================================================================================

create or replace function private.check_proposed_classes(filing public.filings) returns void
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

create or replace function private.apply_filing_changes(filing public.filings) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  ch jsonb := filing.changes;
  inst uuid := filing.institution_id;
begin
  -- what the submit checked, again with the rules and children of today (nothing written if not)
  perform private.check_proposed_classes(filing);
  if ch ? 'classes' then
    delete from public.classes c
     where c.institution_id = inst
       and c.id not in (select (x ->> 'id')::uuid from jsonb_array_elements(ch -> 'classes') x where x ->> 'id' is not null);
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
