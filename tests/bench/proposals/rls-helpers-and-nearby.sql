-- =============================================================================================
-- Proposed schema changes found by `pnpm bench` (issue 6). NOT a migration: the bench applies this
-- file on top of the migrations with `--apply tests/bench/proposals/rls-helpers-and-nearby.sql` to
-- measure the effect; the schema owner ports what they accept into supabase/migrations.
-- Status: ported into the migrations by the schema owner in bc799c8 (with their own variations);
-- kept so the before/after in bench/README.md can be reproduced with --schema-ref bb700f6.
--
-- 1. nearby_institutions as SECURITY DEFINER. Under RLS (anon/authenticated) the planner may not
--    use the GiST index for `cube @> earth`, because cube's operators are not LEAKPROOF and the
--    RLS qual (status = 'filed') must run first: every filed institution in the country is scanned
--    and its distance computed (≈450 ms at 120,000 institutions). The function already returns
--    only filed institutions and only public columns (public_lat/lng are ~1 km for home-based
--    points), so running it as its owner exposes nothing more. search_path is already ''.
-- 2. The region-scope helpers as PL/pgSQL. A SECURITY DEFINER SQL function is never inlined and is
--    parsed and planned on every call; the RLS policies call 2–4 of them per statement (≈0.3–0.8 ms
--    each). PL/pgSQL caches the plans per connection. Same results, same security properties.
-- 3. Partial indexes for "counties of a city / province" (the helpers' lookups), instead of
--    scanning all counties for the province arm.
-- =============================================================================================

alter function public.nearby_institutions(double precision, double precision, double precision, boolean, text[], text[], integer, integer)
  security definer;

create index if not exists regions_county_city_code_idx on public.regions (city_code) where level = 'county';
create index if not exists regions_county_province_code_idx on public.regions (province_code) where level = 'county';

create or replace function private.county_codes_for(roles text[]) returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select r.code
      from public.staff_scopes s
      join public.regions r on r.level = 'county' and r.code = s.region_code
     where s.user_id = (select auth.uid()) and s.role = any (roles)
    union
    select r.code
      from public.staff_scopes s
      join public.regions r on r.level = 'county' and r.city_code = s.region_code
     where s.user_id = (select auth.uid()) and s.role = any (roles)
    union
    select r.code
      from public.staff_scopes s
      join public.regions r on r.level = 'county' and r.province_code = s.region_code
     where s.user_id = (select auth.uid()) and s.role = any (roles);
end;
$$;

create or replace function private.readable_county_codes() returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select private.county_codes_for(array['province_admin', 'city_admin', 'county_admin', 'inspector']);
end;
$$;

create or replace function private.managed_county_codes() returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select private.county_codes_for(array['county_admin']);
end;
$$;

create or replace function private.member_institution_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query select m.institution_id from public.institution_members m where m.user_id = (select auth.uid());
end;
$$;

analyze public.regions;

-- 4. Covering indexes carrying the policy columns, so counts under RLS stay index-only scans.
--    As service role, `count(*) … where county_code = $1 group by status` on filings is an
--    Index Only Scan of (county_code, status) — 3 buffers. Under RLS the policy needs
--    institution_id (member policy), so every matching heap page is read (≈390 buffers for one
--    county). With the policy columns INCLUDEd the RLS plan is index-only too
--    (pgbench, national data: county counts under RLS 0.70 → 0.25 ms).
create index if not exists filings_county_code_status_covering_idx
  on public.filings (county_code, status) include (institution_id);
create index if not exists institutions_county_code_status_covering_idx
  on public.institutions (county_code, status) include (id, created_by);
