-- =============================================================================================
-- 监督检查与投诉办理的界面（issue 13 §3 §4，续）
--   role_permissions       the menus and buttons of inspectors, county admins and operators
--   bucket inspection-photos  private; findings/<inspection_id>/… (the inspection's team, while it
--                          is planned) and rectifications/<rectification_id>/… (the institution's
--                          members, until closed); JPG/PNG, at most 5 MB each
--   triggers               findings and rectification reports name only photos of their own folder
--                          that were really uploaded
-- RPCs: inspection_checklist (the checklist of an inspection's county, for the recording screen),
-- complaint_reply (the complainant: the full reply by tracking number and mobile number).
-- =============================================================================================

-- =============================================================================================
-- Permissions (menus and buttons; the RPCs and RLS remain the authority)
-- =============================================================================================

insert into private.role_permissions (role, permission) values
  ('province_admin', 'inspection.view_region'), ('city_admin', 'inspection.view_region'),
  ('county_admin', 'inspection.view_region'), ('county_admin', 'inspection.plan'),
  ('county_admin', 'rectification.recheck'), ('county_admin', 'complaint.handle'),
  ('inspector', 'inspection.record'), ('inspector', 'complaint.handle_assigned'),
  ('operator', 'rectification.report'), ('operator', 'complaint.answer')
on conflict do nothing;

-- =============================================================================================
-- Storage: inspection and rectification photos
-- =============================================================================================

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('inspection-photos', 'inspection-photos', false, 5242880, array['image/jpeg', 'image/png'])
on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

-- May the caller upload this object? findings/<inspection>/<file>: a member of the team of a planned
-- inspection; rectifications/<rectification>/<file>: a member of the institution, not yet closed.
create function private.inspection_photo_writable(object_name text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select object_name ~ '^(findings|rectifications)/[0-9a-f-]{36}/[^/]{1,100}$' and case split_part(object_name, '/', 1)
    when 'findings' then exists (
      select 1 from public.inspections i
       where i.id::text = split_part(object_name, '/', 2) and i.status = 'planned' and (select auth.uid()) = any (i.inspector_ids))
    else exists (
      select 1 from public.rectifications r
       where r.id::text = split_part(object_name, '/', 2) and r.status <> 'closed'
         and r.institution_id = any (array(select private.member_institution_ids())))
  end
$$;
comment on function private.inspection_photo_writable(text) is '当前用户能否上传该检查照片（本人参加的待检查任务，或本机构未销号的整改）';

-- May the caller read this object? Whoever may read the inspection or rectification it belongs to:
-- admins of its county (and above), the team, the institution's members.
create function private.inspection_photo_readable(object_name text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select case split_part(object_name, '/', 1)
    when 'findings' then exists (
      select 1 from public.inspections i
       where i.id::text = split_part(object_name, '/', 2)
         and ((select auth.uid()) = any (i.inspector_ids)
              or i.county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}')))
              or (i.status = 'recorded' and i.institution_id = any (array(select private.member_institution_ids())))))
    when 'rectifications' then exists (
      select 1 from public.rectifications r join public.inspections i on i.id = r.inspection_id
       where r.id::text = split_part(object_name, '/', 2)
         and ((select auth.uid()) = any (i.inspector_ids)
              or r.county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}')))
              or r.institution_id = any (array(select private.member_institution_ids()))))
    else false
  end
$$;
comment on function private.inspection_photo_readable(text) is '当前用户能否查看该检查照片（属地监管部门、检查组、被检查机构）';

create policy inspection_photos_insert_owner on storage.objects
  for insert to authenticated
  with check (bucket_id = 'inspection-photos' and private.inspection_photo_writable(name));
create policy inspection_photos_select_involved on storage.objects
  for select to authenticated
  using (bucket_id = 'inspection-photos' and private.inspection_photo_readable(name));

-- The paths a finding or a report names: uploaded objects of its own folder, JPG/PNG, ≤ 5 MB.
create function private.bad_inspection_photos(folder text, paths text[]) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select string_agg(p, '、') from unnest(coalesce(paths, '{}')) p
   where p not like folder || '/%'
      or not exists (select 1 from storage.objects o where o.bucket_id = 'inspection-photos' and o.name = p
                       and o.metadata ->> 'mimetype' in ('image/jpeg', 'image/png')
                       and (o.metadata ->> 'size')::bigint between 1 and 5242880)
$$;

create function private.inspection_findings_check_photos() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  bad text := private.bad_inspection_photos('findings/' || new.inspection_id::text, new.photo_paths);
begin
  if bad is not null then
    raise exception '照片未上传或不符合要求（JPG/PNG，每张不超过5MB）：%', bad using errcode = '22023';
  end if;
  return new;
end;
$$;
create trigger inspection_findings_check_photos before insert or update of photo_paths on public.inspection_findings
  for each row execute function private.inspection_findings_check_photos();

create function private.rectifications_check_evidence() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  bad text;
begin
  if cardinality(new.evidence_paths) > 9 then
    raise exception '佐证照片最多9张' using errcode = '22023';
  end if;
  bad := private.bad_inspection_photos('rectifications/' || new.id::text, new.evidence_paths);
  if bad is not null then
    raise exception '佐证照片未上传或不符合要求（JPG/PNG，每张不超过5MB）：%', bad using errcode = '22023';
  end if;
  return new;
end;
$$;
create trigger rectifications_check_evidence before insert or update of evidence_paths on public.rectifications
  for each row execute function private.rectifications_check_evidence();

-- =============================================================================================
-- RPCs
-- =============================================================================================

-- The checklist the recording screen shows: the active items of the inspection's county (national
-- items, replaced or extended by province, city, county). Only for those who may read the inspection.
create function public.inspection_checklist(inspection_id uuid)
returns table (code text, title text, requirement text, basis text, sort_order smallint)
language sql
stable
security definer
set search_path = ''
as $$
  select c.code, c.title, c.requirement, c.basis, c.sort_order
    from public.inspections i
   cross join lateral private.checklist_for(i.county_code) c
   where i.id = inspection_checklist.inspection_id and c.active
     and ((select auth.uid()) = any (i.inspector_ids)
          or i.county_code = any (array(select private.counties_in_scope('{province_admin,city_admin,county_admin}'))))
   order by c.sort_order, c.code
$$;
comment on function public.inspection_checklist(uuid) is '某次检查适用的检查清单（该县区启用的检查项；检查组和属地监管部门可查）';

-- The complainant's view of their complaint: the reply (visible only to them), the public result
-- and their rating — signed in (their own) or by tracking number and the mobile number they left.
create function public.complaint_reply(tracking_no text, contact_mobile text default null) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'tracking_no', c.tracking_no, 'status', c.status, 'public_result', c.public_result,
    'rating', c.rating, 'rating_comment', c.rating_comment,
    'replies', coalesce((select jsonb_agg(jsonb_build_object('at', e.occurred_at, 'note', e.note) order by e.occurred_at, e.id)
                           from public.complaint_events e
                          where e.complaint_id = c.id and e.visibility = 'complainant'), '[]'))
    from public.complaints c join public.complaint_contacts k on k.complaint_id = c.id
   where c.tracking_no = upper(btrim(complaint_reply.tracking_no))
     and (k.complainant_id = (select auth.uid())
          or (k.mobile is not null and k.mobile = btrim(complaint_reply.contact_mobile)))
$$;
comment on function public.complaint_reply(text, text) is '投诉人查看答复全文和评价（登录本人，或凭跟踪编号和手机号）；对不上时返回空';

revoke execute on function public.inspection_checklist(uuid) from public, anon;
grant execute on function public.inspection_checklist(uuid) to authenticated, service_role;
revoke execute on function public.complaint_reply(text, text) from public;
grant execute on function public.complaint_reply(text, text) to anon, authenticated, service_role;
revoke execute on all functions in schema private from public;
grant execute on function private.inspection_photo_writable(text), private.inspection_photo_readable(text) to authenticated, service_role;
