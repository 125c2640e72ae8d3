-- =============================================================================================
-- 变更备案审核通过时 (issue 13 §2): the approval runs the submit's check again
--   private.apply_filing_changes now starts with private.check_proposed_classes (…4017000: each
--   class's own values and the class rules, kept classes with room for their children, no class
--   with children removed), with the rules and children of the day of the decision: nothing is
--   written if the institution no longer fits. And a new class sent with "id": null no longer
--   empties the list of kept ids (NOT IN with a null deleted nothing, so removed classes stayed).
-- =============================================================================================

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
