-- =============================================================================================
-- Performance tuning measured by `pnpm bench` (issue 6, tests/bench/proposals/rls-helpers-and-nearby.sql)
-- 1. nearby_institutions runs as its owner: under RLS the planner cannot use the GiST index for
--    cube's non-leakproof @> before the security qual, so every filed institution was scanned.
--    The function itself returns only filed institutions and only public columns (home-based
--    points: street name and ~1 km point), so it exposes nothing more than the public policy.
-- 2. The helpers the policies call on every statement become PL/pgSQL (plans cached per
--    connection; a security-definer SQL function is re-planned on each call).
-- 3. Partial indexes for "counties of a city / province"; covering indexes so county counts under
--    RLS stay index-only (the policies also read id/institution_id, created_by, city/province).
-- =============================================================================================

alter function public.nearby_institutions(double precision, double precision, double precision, boolean, text[], text[], integer, integer)
  security definer;

create index regions_county_city_code_idx on public.regions (city_code) where level = 'county';
create index regions_county_province_code_idx on public.regions (province_code) where level = 'county';

create or replace function private.county_codes_for(roles text[]) returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select r.code from public.staff_scopes s
      join public.regions r on r.level = 'county' and r.code = s.region_code
     where s.user_id = (select auth.uid()) and s.role = any (roles)
    union
    select r.code from public.staff_scopes s
      join public.regions r on r.level = 'county' and r.city_code = s.region_code
     where s.user_id = (select auth.uid()) and s.role = any (roles)
    union
    select r.code from public.staff_scopes s
      join public.regions r on r.level = 'county' and r.province_code = s.region_code
     where s.user_id = (select auth.uid()) and s.role = any (roles);
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

create or replace function private.readable_scope_codes() returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select s.region_code from public.staff_scopes s
     where s.user_id = (select auth.uid())
       and s.role in ('province_admin', 'city_admin', 'county_admin', 'inspector');
end;
$$;

create or replace function private.admin_scope_codes() returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select s.region_code from public.staff_scopes s
     where s.user_id = (select auth.uid()) and s.role in ('province_admin', 'city_admin', 'county_admin');
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

create or replace function private.owner_institution_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select m.institution_id from public.institution_members m
     where m.user_id = (select auth.uid()) and m.member_role = 'owner';
end;
$$;

create or replace function private.is_staff() returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (select 1 from public.staff_scopes s where s.user_id = (select auth.uid()));
end;
$$;

drop index public.filings_county_code_status_idx;
create index filings_county_code_status_idx on public.filings (county_code, status)
  include (institution_id, city_code, province_code);
create index institutions_county_code_status_idx on public.institutions (county_code, status)
  include (id, created_by, city_code, province_code);

revoke execute on all functions in schema private from public;
grant execute on function
  private.county_codes_for(text[]), private.managed_county_codes(), private.readable_county_codes(),
  private.readable_scope_codes(), private.admin_scope_codes(), private.member_institution_ids(),
  private.owner_institution_ids(), private.is_staff()
  to authenticated, service_role;
