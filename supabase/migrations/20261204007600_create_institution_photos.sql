-- =============================================================================================
-- 机构照片 Institution photos (issue 16)
--   storage bucket institution-photos   public, JPEG/PNG/WebP up to 2 MB each;
--                                        path: <institution id>/<file name>
--   who writes                           the institution's members (负责人 and 工作人员), in the
--                                        admin's 本机构信息 screen
--   who reads                            anyone: the photos of filed institutions (the mini-program's
--                                        institution page lists them); members: their own
--                                        institution's, also before filing
-- The bucket is public, so a photo's public URL is readable by whoever knows the path (an
-- unguessable institution uuid): upload only what may be public. Listing follows the policies.
-- =============================================================================================

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('institution-photos', 'institution-photos', true, 2097152, array['image/jpeg', 'image/png', 'image/webp'])
on conflict (id) do update set public = true, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

-- =============================================================================================
-- Functions
-- =============================================================================================

create function private.photo_folder_institution(object_name text) returns uuid
language plpgsql
immutable
set search_path = ''
as $$
declare
  folder text := (storage.foldername(object_name))[1];
begin
  if folder ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return folder::uuid;
  end if;
  return null;
end;
$$;
comment on function private.photo_folder_institution(text) is '机构照片路径的第一级目录（机构ID）；不是机构ID时为空';

create function private.is_filed_institution(institution uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.institutions i where i.id = is_filed_institution.institution and i.status = 'filed');
$$;
comment on function private.is_filed_institution(uuid) is '机构是否处于已备案状态（公开照片等公开信息的前提）';

revoke execute on all functions in schema private from public;
grant execute on function private.photo_folder_institution(text) to anon, authenticated;
grant execute on function private.is_filed_institution(uuid) to anon, authenticated;

-- =============================================================================================
-- Policies on storage.objects
-- =============================================================================================

create policy institution_photos_objects_select_public on storage.objects for select to anon, authenticated
  using (bucket_id = 'institution-photos' and private.is_filed_institution(private.photo_folder_institution(name)));
create policy institution_photos_objects_select_member on storage.objects for select to authenticated
  using (bucket_id = 'institution-photos'
         and private.photo_folder_institution(name) = any (array(select private.member_institution_ids())));
create policy institution_photos_objects_insert_member on storage.objects for insert to authenticated
  with check (bucket_id = 'institution-photos'
              and private.photo_folder_institution(name) = any (array(select private.member_institution_ids())));
create policy institution_photos_objects_delete_member on storage.objects for delete to authenticated
  using (bucket_id = 'institution-photos'
         and private.photo_folder_institution(name) = any (array(select private.member_institution_ids())));
