-- =============================================================================================
-- 公开位置：修正 API 写入时公开位置不生成的问题 (stopgap for a bug in 20261123000300)
-- private.refresh_public_location() (security definer) updates institutions.public_* after an
-- institution_sites write, but private.institutions_before_write() restores the old public_* for
-- every API user — and inside security-definer functions the `role` setting is still
-- 'authenticated', so the refresh is undone: institutions registered through the API never got a
-- public location and never appeared in nearby_institutions. This trigger (named to run right after
-- institutions_before_write) derives public_* from institution_sites for API writes, with the same
-- rule as refresh_public_location: centres show the exact site, 家庭托育点 the street name and a
-- point rounded to ~1 km. Clients still cannot write these columns. When institutions_before_write
-- derives them itself, drop this trigger in a later migration.
-- =============================================================================================

create function private.institutions_derive_public_location() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  site public.institution_sites%rowtype;
  street_name text;
begin
  if not private.is_api_user() then
    return new;
  end if;
  select * into site from public.institution_sites s where s.institution_id = new.id;
  if site.institution_id is null then
    new.public_address := null;
    new.public_lat := null;
    new.public_lng := null;
    return new;
  end if;
  select r.name into street_name from public.regions r where r.code = new.street_code;
  new.public_address := case when new.type = 'home_based' then street_name else site.address end;
  new.public_lat := case when new.type = 'home_based' then round(site.lat, 2) else site.lat end;
  new.public_lng := case when new.type = 'home_based' then round(site.lng, 2) else site.lng end;
  return new;
end;
$$;
comment on function private.institutions_derive_public_location() is 'API 写入机构时由 institution_sites 推导公开地址与坐标（家庭托育点仅街道与约1公里精度）';
create trigger institutions_before_write_public_location before insert or update on public.institutions
  for each row execute function private.institutions_derive_public_location();

revoke execute on all functions in schema private from public;
