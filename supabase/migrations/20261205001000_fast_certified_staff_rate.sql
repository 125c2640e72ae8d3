-- =============================================================================================
-- 持证上岗率 at province scale: the same formula, counted per institution through its index
--   public.staff_certification_rates joined every staff row of the country to the region's
--   institutions (a hash join over the whole staff table, plus JIT compilation because of it: ~620
--   ms for a province of 2,238 filed institutions among 1.16 M staff nationally, `pnpm bench --
--   --scenarios indicators`). Each filed institution's staff are now counted by a lateral
--   subquery over staff(institution_id): the cost follows the region's institutions, whatever the
--   planner's statistics say (PGlite, the default database, never runs autovacuum's ANALYZE; a
--   region-wide aggregate joined afterwards took 3.5 s there for 山东省 of the demo data). JIT and
--   parallel workers are off for it (short index reads, where both only add start-up time).
--   The formula, the columns, the order and row-level security (security invoker) are unchanged.
-- =============================================================================================

create or replace function public.staff_certification_rates(region_code text, on_date date default current_date)
returns table (institution_id uuid, institution_name text, county_code text, care_staff integer,
               certified_staff integer, certified_staff_rate numeric)
language sql
stable
security invoker
set search_path = ''
set jit = off
set max_parallel_workers_per_gather = 0
as $$
  select i.id, i.name, i.county_code, c.care_staff, c.certified_staff,
         round(c.certified_staff::numeric / nullif(c.care_staff, 0), 4)
    from public.institutions i
    cross join lateral (
      select count(*) filter (where s.role in ('carer', 'teacher'))::integer as care_staff,
             count(*) filter (where s.role in ('carer', 'teacher')
                                and s.certificate_type in ('nursery_carer', 'infant_carer', 'kindergarten_teacher')
                                and (s.certificate_expires_on is null or s.certificate_expires_on >= on_date))::integer
               as certified_staff
        from public.staff s
       where s.institution_id = i.id) c
   where i.status = 'filed'
     and region_code in (i.province_code, i.city_code, i.county_code, i.street_code)
   order by i.county_code, i.name
$$;
