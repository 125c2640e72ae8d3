-- 工作台 (issue 16) demo data.
--
-- Demo materials open: the seeded filings' storage.objects rows (seed.sql) have no file bodies, as
-- SQL cannot write files. Marking them `demo_body` lets the local stack write a small real PDF or
-- PNG for each at start-up (packages/local-supabase/src/storage/demo-bodies.ts). Only the seeded
-- filings' objects are marked; a real upload that is missing stays missing.
update storage.objects
   set user_metadata = coalesce(user_metadata, '{}'::jsonb) || '{"demo_body": true}'::jsonb
 where bucket_id = 'filing-documents'
   and name like '%/40000000-0000-4000-8000-%'
   and coalesce(user_metadata ->> 'demo_body', '') <> 'true';
