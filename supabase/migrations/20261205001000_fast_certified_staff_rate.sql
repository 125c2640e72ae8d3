-- =============================================================================================
-- 持证上岗率 at province scale: the same formula, read through the region's own indexes
--   public.staff_certification_rates joined every staff row of the country to the region's
--   institutions (a hash join over the whole staff table, plus JIT compilation because of it: ~620
--   ms for a province of 2,238 filed institutions among 1.16 M staff nationally, `pnpm bench --
--   --scenarios indicators`). Staff are now selected by their own region column (staff.province_code,
--   city_code, county_code; a street through its institutions) and counted per institution; JIT
--   and parallel workers are off for it (short index reads, where both only add start-up time).
--   The formula, the columns, the order and row-level security (security invoker) are unchanged.
-- =============================================================================================

create or replace function public.staff_certification_rates(region_code text, on_date date default current_date)
returns table (institution_id uuid, institution_name text, county_code text, care_staff integer,
               certified_staff integer, certified_staff_rate numeric)
language plpgsql
stable
security invoker
set search_path = ''
set jit = off
set max_parallel_workers_per_gather = 0
as $$
declare
  col text;
begin
  select r.level::text || '_code' into col from public.regions r where r.code = staff_certification_rates.region_code;
  if col is null then
    return;
  end if;
  return query execute format($q$
    select i.id, i.name, i.county_code, coalesce(c.care_staff, 0)::integer, coalesce(c.certified_staff, 0)::integer,
           round(c.certified_staff::numeric / nullif(c.care_staff, 0), 4)
      from public.institutions i
      left join (
        select s.institution_id,
               count(*) filter (where s.role in ('carer', 'teacher')) as care_staff,
               count(*) filter (where s.role in ('carer', 'teacher')
                                  and s.certificate_type in ('nursery_carer', 'infant_carer', 'kindergarten_teacher')
                                  and (s.certificate_expires_on is null or s.certificate_expires_on >= $2)) as certified_staff
          from public.staff s
         where %s
         group by s.institution_id) c on c.institution_id = i.id
     where i.%I = $1 and i.status = 'filed'
     order by i.county_code, i.name
  $q$,
    case when col = 'street_code'
      then 's.institution_id in (select x.id from public.institutions x where x.street_code = $1)'
      else format('s.%I = $1', col) end,
    col)
  using staff_certification_rates.region_code, staff_certification_rates.on_date;
end;
$$;
