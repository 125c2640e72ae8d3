-- Demo data of subsidies and the staff registry (issue 15 §5–§6). Applied after ../seed.sql.
-- =============================================================================================
-- Subsidy rules for 济宁 (demo: the same amounts as 重庆's reported ones, which the migration holds)
-- =============================================================================================
insert into public.subsidy_rules (region_code, year, kind, class_type, amount_yuan, requires_affordable, requires_filed, min_months, basis) values
  ('370800000000', 2026, 'operating', 'infant', 900, true, true, 3, '演示数据（参照重庆市标准）'),
  ('370800000000', 2026, 'operating', 'toddler', 800, true, true, 3, '演示数据（参照重庆市标准）'),
  ('370800000000', 2026, 'operating', 'older_toddler', 700, true, true, 3, '演示数据（参照重庆市标准）'),
  ('370800000000', 2026, 'operating', 'mixed_age', 800, true, true, 3, '演示数据（混龄班按托小班标准）')
on conflict do nothing;

-- Applications for 2026 H1, computed by the same function the operators' RPC uses (never typed):
-- 爱心 (汶上) approved, 金城 (任城) submitted and waiting in 任城's queue. Both from declared
-- enrolment (no placement overlapped the half-year).
do $$
declare
  demo record;
  app_id uuid;
begin
  for demo in
    select * from (values
      ('71000000-0000-4000-8000-000000000001'::uuid, '10000000-0000-4000-8000-000000000001'::uuid, 'approved'::public.subsidy_status,
       '00000000-0000-4000-8000-000000000009'::uuid, '00000000-0000-4000-8000-000000000004'::uuid),
      ('71000000-0000-4000-8000-000000000002'::uuid, '10000000-0000-4000-8000-000000000004'::uuid, 'applied'::public.subsidy_status,
       '00000000-0000-4000-8000-000000000010'::uuid, null::uuid)
    ) v (id, institution_id, status, submitted_by, decided_by)
  loop
    if exists (select 1 from public.subsidy_applications a where a.id = demo.id) then
      continue;
    end if;
    insert into public.subsidy_applications (id, institution_id, county_code, year, half, status, basis, rule_region_code,
      submitted_by, submitted_at, decided_by, decided_at)
    select demo.id, i.id, i.county_code, 2026, 1, demo.status, 'declared_enrolment', '370800000000',
           demo.submitted_by, '2026-06-20 10:00+08', demo.decided_by, case when demo.decided_by is not null then '2026-06-28 10:00+08'::timestamptz end
      from public.institutions i where i.id = demo.institution_id
    returning id into app_id;
    insert into public.subsidy_application_lines (application_id, institution_id, county_code, kind, class_type, children, months, rate_yuan, amount_yuan)
    select app_id, demo.institution_id, i.county_code, l.kind, l.class_type, l.children, l.months, l.rate_yuan, l.amount_yuan
      from private.compute_subsidy(demo.institution_id, 2026, 1) l, public.institutions i
     where i.id = demo.institution_id and l.amount_yuan > 0;
    update public.subsidy_applications a
       set children = (select coalesce(sum(l.children), 0) from public.subsidy_application_lines l where l.application_id = a.id and l.kind = 'operating'),
           child_months = (select coalesce(sum(l.months), 0) from public.subsidy_application_lines l where l.application_id = a.id and l.kind = 'operating'),
           operating_amount = (select coalesce(sum(l.amount_yuan), 0) from public.subsidy_application_lines l where l.application_id = a.id and l.kind = 'operating')
     where a.id = app_id;
  end loop;
end;
$$;

-- =============================================================================================
-- Staff registry: ID numbers (fictitious, valid check digits), certificate expiry, a duplicate
-- =============================================================================================
-- 孙梅 of 爱心 is also listed at 小太阳家庭托育点 — the 汶上 county admin sees the warning.
insert into public.staff (id, institution_id, name, role, certificate_type, certificate_no, health_certificate_expires_on, training_records, employed_since) values
  ('30000000-0000-4000-8000-000000000009', '10000000-0000-4000-8000-000000000002', '孙梅', 'carer', 'nursery_carer', 'BYS370830202301', '2026-06-30', '[]', '2025-03-01')
on conflict (id) do nothing;

update public.staff set certificate_expires_on = current_date + 20 where id = '30000000-0000-4000-8000-000000000003' and certificate_expires_on is null;
update public.staff set certificate_expires_on = '2029-12-31' where id = '30000000-0000-4000-8000-000000000002' and certificate_expires_on is null;

-- pgcrypto in PGlite now and then fails to initialise ("Cipher cannot be initialized", "Unsupported
-- digest algorithm") for the whole life of that database process: retry once, then leave the demo
-- without ID numbers rather than fail `pnpm start`'s seed. Test databases are seeded strictly
-- (local-supabase sets local_supabase.strict_seed and builds them again on a fresh process).
do $$
declare
  r record;
begin
  for r in
    select s.staff_id::uuid as staff_id, s.id_number
      from (values
        ('30000000-0000-4000-8000-000000000001', '370830198807051629'),
        ('30000000-0000-4000-8000-000000000002', '370830199003122422'),
        ('30000000-0000-4000-8000-000000000009', '370830199003122422'),
        ('30000000-0000-4000-8000-000000000007', '370811199201013025'),
        ('30000000-0000-4000-8000-000000000008', '500103198506200034')
      ) s (staff_id, id_number)
     where not exists (select 1 from private.staff_identities i where i.staff_id = s.staff_id::uuid)
  loop
    begin
      perform private.store_staff_id_number(r.staff_id, r.id_number);
    exception when others then
      begin
        perform private.store_staff_id_number(r.staff_id, r.id_number);
      exception when others then
        if current_setting('local_supabase.strict_seed', true) = 'on' then
          raise;
        end if;
        raise warning '演示数据：从业人员身份证号未写入（%）', sqlerrm;
      end;
    end;
  end loop;
end;
$$;

-- =============================================================================================
-- The generated 济宁 institutions' filings (seeds/40_figures.sql, ids f1500000-…)
-- =============================================================================================
-- Each is filed because an approved new filing (新办备案)
-- issued its number (county code + year + sequence, as private.filings_before_write numbers an
-- approval) on its filing date — so the registry, verify_filing and the drill-downs find the filing
-- behind every filed institution. Filing ids follow the institution ids (f1510000-… for f1500000-…).
-- Set-based and idempotent (a second run inserts nothing). Written here, after the staff ID numbers
-- above, not in 40_figures.sql: in PGlite, pgcrypto's sha256 then fails to initialise ("Cipher cannot
-- be initialized") for the rest of the session when first used after this much work — measured: the
-- demo ID numbers, and every later set_staff_id_number, failed with this block in 40_figures.sql.
insert into public.filings (id, institution_id, county_code, kind, status, form, materials, pledge_accepted,
  submitted_at, deadline_on, review_started_at, decided_at, filing_no, created_by, created_at)
select ('f1510000' || substr(i.id::text, 9))::uuid, i.id, i.county_code, 'new', 'approved',
       jsonb_build_object('total_slots', coalesce((select sum(c.capacity) from public.classes c where c.institution_id = i.id), 0)),
       '{}', true, i.filed_at - interval '4 days',
       public.add_working_days(((i.filed_at - interval '4 days') at time zone 'Asia/Shanghai')::date, 5),
       i.filed_at - interval '3 days', i.filed_at, i.filing_no, null, i.filed_at - interval '5 days'
  from public.institutions i
 where i.id::text like 'f1500000-0000-4000-8000-%' and i.filing_no is not null
   and not exists (select 1 from public.filings f where f.institution_id = i.id and f.kind = 'new' and f.status = 'approved')
on conflict (id) do nothing;
update public.institution_history h
   set filing_id = ('f1510000' || substr(h.institution_id::text, 9))::uuid
 where h.institution_id::text like 'f1500000-0000-4000-8000-%' and h.cause = 'filing_approved' and h.filing_id is null
   and exists (select 1 from public.filings f where f.id = ('f1510000' || substr(h.institution_id::text, 9))::uuid);
