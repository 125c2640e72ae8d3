-- Demo data of the inspection screens (issue 13 §4). Applied after ../seed.sql and 10_oversight.sql.
-- =============================================================================================
-- 汶上: a plan waiting for its 双随机 draw; 爱心 with an older 不合格 inspection whose rectification
-- is overdue (the county list highlights it); 小太阳 with a 2025 inspection whose rectification was
-- closed (the public page shows 5 years). The inspector (郑检查员) has the planned 爱心 visit of
-- 10_oversight.sql to record on the phone screen and a second one for 小太阳.
-- =============================================================================================

insert into public.inspection_plans (id, county_code, title, period_start, period_end, seed, institution_count,
  inspectors_per_team, departments, created_by, created_at)
values ('70000000-0000-4000-8000-000000000002', '370830000000', '2027年第一季度托育机构双随机联合检查', '2027-01-04', '2027-03-31',
        'wenshang-2027-q1', 2, 1, '{卫健,市场监管,消防,教育}', '00000000-0000-4000-8000-000000000004', '2026-12-03 10:00+08')
on conflict (id) do nothing;

insert into public.inspections (id, plan_id, institution_id, inspector_ids, departments, scheduled_on, status, result, summary,
  inspected_at, recorded_by, created_at)
values
  ('71000000-0000-4000-8000-000000000005', null, '10000000-0000-4000-8000-000000000002',
   '{00000000-0000-4000-8000-000000000007}', '{卫健,消防}', '2025-06-12', 'recorded', 'rectify',
   '灭火器过期未更换；其余项目符合要求。限期整改。', '2025-06-12 10:00+08', '00000000-0000-4000-8000-000000000007', '2025-06-01 09:00+08'),
  ('71000000-0000-4000-8000-000000000006', null, '10000000-0000-4000-8000-000000000001',
   '{00000000-0000-4000-8000-000000000007}', '{卫健,市场监管}', '2026-10-15', 'recorded', 'fail',
   '收费清单未公示，另收取清单外“教材费”；责令限期整改并退还。', '2026-10-15 14:00+08', '00000000-0000-4000-8000-000000000007', '2026-10-10 09:00+08'),
  ('71000000-0000-4000-8000-000000000007', null, '10000000-0000-4000-8000-000000000002',
   '{00000000-0000-4000-8000-000000000007}', '{卫健,市场监管}', '2026-12-15', 'planned', null, null, null, null, '2026-12-03 09:00+08')
on conflict (id) do nothing;

insert into public.inspection_findings (inspection_id, institution_id, county_code, item_code, item_title, passed, note)
select i.id, i.institution_id, i.county_code, c.code, c.title,
       not ((i.id = '71000000-0000-4000-8000-000000000005' and c.code = 'fire_safety') or (i.id = '71000000-0000-4000-8000-000000000006' and c.code = 'fee_list')),
       case when i.id = '71000000-0000-4000-8000-000000000005' and c.code = 'fire_safety' then '2具灭火器已过期'
            when i.id = '71000000-0000-4000-8000-000000000006' and c.code = 'fee_list' then '未公示收费清单，另收教材费每学期200元' end
  from public.inspections i cross join public.inspection_checklist_items c
 where i.id in ('71000000-0000-4000-8000-000000000005', '71000000-0000-4000-8000-000000000006') and c.region_code is null
on conflict (inspection_id, item_code) do nothing;

insert into public.rectifications (id, inspection_id, institution_id, county_code, requirement, deadline_on, status,
  operator_report, reported_at, recheck_note, rechecked_by, closed_at, created_at)
values
  ('72000000-0000-4000-8000-000000000003', '71000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000002', '370830000000',
   '消防安全：2具灭火器已过期', '2025-06-30', 'closed', '已更换4具新灭火器并张贴检查卡。', '2025-06-20 09:00+08',
   '复查：灭火器已更换，在有效期内', '00000000-0000-4000-8000-000000000004', '2025-06-25 15:00+08', '2025-06-12 10:00+08'),
  ('72000000-0000-4000-8000-000000000004', '71000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000001', '370830000000',
   '收费公示：未公示收费清单，另收教材费每学期200元', '2026-11-15', 'open', null, null, null, null, null, '2026-10-15 14:00+08')
on conflict (id) do nothing;
