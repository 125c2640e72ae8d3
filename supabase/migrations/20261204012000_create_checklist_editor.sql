-- =============================================================================================
-- 检查清单维护 Checklist editor per region (issue 13 §4, continued)
--   inspection_checklist_items  province, city and county admins add items for their region,
--                               override an inherited item (a row with the same code), disable one
--                               (an override with active = false) and restore the inherited one
--                               (delete their override); the national list stays the service
--                               role's. Recorded findings keep their own copy of code and title.
--   region_checklist(region)    the effective checklist of a region with where each item comes
--                               from and what it would inherit without the region's own row
--   role_permissions            checklist.manage (admins), checklist.view (inspectors)
-- =============================================================================================

-- =============================================================================================
-- Triggers
-- =============================================================================================

-- Regional items belong to a province, city or county (private.checklist_for reads only those);
-- an item keeps its region and code (an override is found by them).
create function private.inspection_checklist_items_before_write() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and (new.region_code, new.code) is distinct from (old.region_code, old.code) then
    raise exception '检查项的区划和代码不能修改（可删除后重新添加）' using errcode = '23514';
  end if;
  if new.region_code is not null
     and (select r.level from public.regions r where r.code = new.region_code) not in ('province', 'city', 'county') then
    raise exception '检查清单只能按省、市、县区维护' using errcode = '23514';
  end if;
  new.title := btrim(new.title);
  new.requirement := btrim(new.requirement);
  new.basis := nullif(btrim(new.basis), '');
  return new;
end;
$$;
create trigger inspection_checklist_items_before_write before insert or update on public.inspection_checklist_items
  for each row execute function private.inspection_checklist_items_before_write();

create trigger inspection_checklist_items_audit after insert or update or delete on public.inspection_checklist_items
  for each row execute function private.audit_row();

-- =============================================================================================
-- Policies
-- =============================================================================================

-- Restoring the inherited item (or removing an own item) deletes the region's row; findings
-- already recorded are not linked to it (they carry code and title).
create policy inspection_checklist_items_delete_admin on public.inspection_checklist_items
  for delete to authenticated
  using (region_code = any (array(select private.regions_in_scope('{province_admin,city_admin,county_admin}'))));
grant delete on public.inspection_checklist_items to authenticated;

-- =============================================================================================
-- Functions
-- =============================================================================================

-- The effective checklist of a province, city or county (private.checklist_for, the one home of the
-- precedence rule), each item with its source region, and what the region would inherit from the
-- level above if its own row were removed (null: the item is the region's own addition).
create function public.region_checklist(region_code text)
returns table (
  code text, item_id bigint, source_region_code text, source_region_name text, title text, requirement text,
  basis text, sort_order smallint, active boolean, inherited_id bigint, inherited_region_code text,
  inherited_region_name text, inherited_title text, inherited_requirement text, inherited_active boolean
)
language sql
stable
security definer
set search_path = ''
as $$
  with region as (
    select r.code,
           case r.level when 'county' then substr(r.code, 1, 4) || '00000000'
                        when 'city' then substr(r.code, 1, 2) || '0000000000' end as parent
      from public.regions r
     where r.code = region_checklist.region_code and r.level in ('province', 'city', 'county')
  )
  select e.code, e.id, e.region_code, se.name, e.title, e.requirement, e.basis, e.sort_order, e.active,
         i.id, i.region_code, si.name, i.title, i.requirement, i.active
    from region
   cross join lateral private.checklist_for(region.code) e
    left join lateral private.checklist_for(region.parent) i on i.code = e.code
    left join public.regions se on se.code = e.region_code
    left join public.regions si on si.code = i.region_code
   order by e.sort_order, e.code
$$;
comment on function public.region_checklist(text) is '某省/市/县区的有效检查清单：每项的来源区划，以及删除本级设置后将继承的上级检查项';

revoke execute on function public.region_checklist(text) from public;
grant execute on function public.region_checklist(text) to anon, authenticated, service_role;
revoke execute on all functions in schema private from public;

-- =============================================================================================
-- Permissions (menus and buttons; RLS remains the authority)
-- =============================================================================================

insert into private.role_permissions (role, permission) values
  ('province_admin', 'checklist.manage'), ('city_admin', 'checklist.manage'), ('county_admin', 'checklist.manage'),
  ('inspector', 'checklist.view')
on conflict do nothing;
