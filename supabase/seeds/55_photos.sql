-- Demo photos of institutions (issue 16): SQL cannot write files, so the rows are marked
-- `demo_body` and the local stack writes a small PNG for each at start-up
-- (packages/local-supabase/src/storage/demo-bodies.ts). 爱心 keeps none: the browser test uploads
-- its first photo. Public bucket institution-photos, path <institution id>/<file>.
insert into storage.objects (bucket_id, name, owner, metadata, user_metadata)
select 'institution-photos', p.institution || '/' || p.file, null,
       jsonb_build_object('mimetype', 'image/png', 'size', 2048), '{"demo_body": true}'::jsonb
  from (values
    ('10000000-0000-4000-8000-000000000004', 'front.png'),
    ('10000000-0000-4000-8000-000000000004', 'classroom.png'),
    ('10000000-0000-4000-8000-000000000004', 'playground.png'),
    ('10000000-0000-4000-8000-000000000005', 'front.png'),
    ('10000000-0000-4000-8000-000000000005', 'classroom.png'),
    ('10000000-0000-4000-8000-000000000006', 'front.png'),
    ('10000000-0000-4000-8000-000000000006', 'dining.png'),
    ('10000000-0000-4000-8000-000000000007', 'front.png')
  ) as p(institution, file)
on conflict (bucket_id, name) do nothing;
