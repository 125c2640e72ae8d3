-- Demo data of the oversight features (issue 13). Applied after ../seed.sql (config.toml [db.seed]).
-- =============================================================================================
-- Oversight (issue 13): change proposals, a post-filing notice, complaints in every state
-- ======================================================================================
-- The open change filings propose values (the diff the county reviews).
update public.filings set changes = '{"services":["full_day","half_day","hourly"],"fee_items":[{"name":"全日托保育费","amount":1100,"unit":"元/月"},{"name":"半日托保育费","amount":800,"unit":"元/月"},{"name":"伙食费","amount":15,"unit":"元/天"}]}'::jsonb
 where id = '40000000-0000-4000-8000-000000000002' and changes = '{}';
update public.filings set changes = '{"services":["full_day","half_day","hourly"],"fee_items":[{"name":"全日托保育费","amount":1500,"unit":"元/月"},{"name":"计时托","amount":30,"unit":"元/小时"},{"name":"伙食费","amount":18,"unit":"元/天"}]}'
 where id = '40000000-0000-4000-8000-000000000005' and changes = '{}';

-- A problem found after the 小太阳 filing, notified within 15 working days.
insert into public.filing_notices (id, filing_id, problem, notify_by, rectify_by, notified_at, operator_reply, created_by, created_at)
values ('50000000-0000-4000-8000-000000000001', '40000000-0000-4000-8000-000000000008',
        '从业人员健康证复印件不清晰，请补交清晰的健康证', '2024-12-06', '2024-12-31', '2024-11-20 10:00+08',
        '已补交清晰的健康证复印件', '00000000-0000-4000-8000-000000000004', '2024-11-20 10:00+08')
on conflict (id) do nothing;
-- the insert trigger starts every notice without a reply (the operator writes it): the operator's
-- answer, as it would have come
update public.filing_notices set operator_reply = '已补交清晰的健康证复印件'
 where id = '50000000-0000-4000-8000-000000000001' and operator_reply is null;

-- Complaints: 汶上 in every state (one urgent and overdue, one 无证办托 by address), one in 任城.
insert into public.complaints (id, tracking_no, idempotency_key, institution_id, reported_address, county_code, category,
  description, anonymous, status, accept_by, close_by, accepted_at, assigned_to, assigned_department, public_result,
  closed_at, rating, rating_comment, created_at)
values
  ('60000000-0000-4000-8000-000000000001', 'TS20261130A1B2C3D4', '61000000-0000-4000-8000-000000000001',
   '10000000-0000-4000-8000-000000000001', null, '370830000000', 'fee_dispute',
   '孩子退托后，机构迟迟不退还预交的两个月保育费，多次沟通无果。', false, 'closed',
   '2026-12-01 18:00+08', '2026-12-21', '2026-11-30 15:00+08', '00000000-0000-4000-8000-000000000007', null,
   '投诉属实，已责令机构按收费清单和退费规则退还剩余费用', '2026-12-03 16:00+08', 5, '处理很及时，钱已经退了', '2026-11-30 09:12+08'),
  ('60000000-0000-4000-8000-000000000002', 'TS20261201E5F6A7B8', '61000000-0000-4000-8000-000000000002',
   '10000000-0000-4000-8000-000000000001', null, '370830000000', 'safety_hazard',
   '二楼活动室窗户没有安装防护栏，孩子可以爬上窗台，存在坠落风险。', true, 'in_progress',
   '2026-12-02 18:00+08', '2026-12-22', '2026-12-01 14:00+08', '00000000-0000-4000-8000-000000000007', null,
   null, null, null, null, '2026-12-01 10:30+08'),
  ('60000000-0000-4000-8000-000000000003', 'TS20261202C9D0E1F2', '61000000-0000-4000-8000-000000000003',
   '10000000-0000-4000-8000-000000000002', null, '370830000000', 'hygiene_health',
   '午餐饭菜有异味，孩子回家后腹泻，怀疑食材不新鲜。', false, 'assigned',
   '2026-12-03 18:00+08', '2026-12-23', '2026-12-02 11:00+08', null, '汶上县市场监督管理局', null, null, null, null, '2026-12-02 08:45+08'),
  ('60000000-0000-4000-8000-000000000004', 'TS20261203A3B4C5D6', '61000000-0000-4000-8000-000000000004',
   '10000000-0000-4000-8000-000000000001', null, '370830000000', 'false_advertising',
   '宣传单写“全部保育人员持证上岗”，但新来的两位老师说还没有考证。', false, 'accepted',
   '2026-12-04 18:00+08', '2026-12-24', '2026-12-03 16:20+08', null, null, null, null, null, null, '2026-12-03 09:00+08'),
  ('60000000-0000-4000-8000-000000000005', 'TS20261204E7F8A9B0', '61000000-0000-4000-8000-000000000005',
   '10000000-0000-4000-8000-000000000002', null, '370830000000', 'abuse_injury',
   '接孩子时发现手臂有抓痕，老师说是孩子之间抓的，但孩子说是被老师掐的。', true, 'submitted',
   '2026-12-04 10:15+08', '2026-12-25', null, null, null, null, null, null, null, '2026-12-04 08:15+08'),
  ('60000000-0000-4000-8000-000000000006', 'TS20261204C1D2E3F4', '61000000-0000-4000-8000-000000000006',
   null, '汶上县中都街道幸福小区5号楼2单元101室', '370830000000', 'unlicensed',
   '小区一楼住户在家里看护七八个一两岁的孩子，按月收费，没有挂任何牌子。', false, 'submitted',
   '2026-12-07 18:00+08', '2026-12-25', null, null, null, null, null, null, null, '2026-12-04 09:40+08'),
  ('60000000-0000-4000-8000-000000000007', 'TS20261202B5C6D7E8', '61000000-0000-4000-8000-000000000007',
   '10000000-0000-4000-8000-000000000004', null, '370811000000', 'fee_dispute',
   '收取了收费清单以外的“兴趣课”费用，每月300元。', false, 'accepted',
   '2026-12-03 18:00+08', '2026-12-23', '2026-12-02 15:00+08', null, null, null, null, null, null, '2026-12-02 10:00+08')
on conflict (id) do nothing;

insert into public.complaint_contacts (complaint_id, county_code, institution_id, anonymous, complainant_id, mobile, created_at)
select c.id, c.county_code, c.institution_id, c.anonymous, v.complainant::uuid, v.mobile, c.created_at
  from (values
    ('60000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000011', null),
    ('60000000-0000-4000-8000-000000000002', null, '13853712345'),
    ('60000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000011', null),
    ('60000000-0000-4000-8000-000000000004', null, '13953767890'),
    ('60000000-0000-4000-8000-000000000005', null, '15853711111'),
    ('60000000-0000-4000-8000-000000000006', null, '18653722222'),
    ('60000000-0000-4000-8000-000000000007', null, '13705371234')
  ) as v(id, complainant, mobile)
  join public.complaints c on c.id = v.id::uuid
on conflict (complaint_id) do nothing;

insert into public.complaint_events (complaint_id, county_code, institution_id, to_status, visibility, note, actor_id, occurred_at)
select c.id, c.county_code, c.institution_id, e.to_status::public.complaint_status, e.visibility::public.complaint_event_visibility,
       e.note, e.actor::uuid, e.at::timestamptz
  from (values
    ('60000000-0000-4000-8000-000000000001', 'submitted', 'public', '投诉已提交', null, '2026-11-30 09:12+08'),
    ('60000000-0000-4000-8000-000000000001', 'accepted', 'public', '已受理', '00000000-0000-4000-8000-000000000004', '2026-11-30 15:00+08'),
    ('60000000-0000-4000-8000-000000000001', 'assigned', 'public', '已转办', '00000000-0000-4000-8000-000000000004', '2026-11-30 15:05+08'),
    ('60000000-0000-4000-8000-000000000001', 'in_progress', 'public', '处理中', '00000000-0000-4000-8000-000000000007', '2026-12-01 10:00+08'),
    ('60000000-0000-4000-8000-000000000001', null, 'internal', '约谈机构负责人，核对退托协议和收费记录', '00000000-0000-4000-8000-000000000007', '2026-12-01 10:00+08'),
    ('60000000-0000-4000-8000-000000000001', null, 'institution', '已与家长联系，剩余保育费2400元已于12月3日退还', '00000000-0000-4000-8000-000000000009', '2026-12-03 11:00+08'),
    ('60000000-0000-4000-8000-000000000001', null, 'complainant', '经核查，机构已于12月3日退还您剩余保育费2400元，并责令其规范退费流程。', '00000000-0000-4000-8000-000000000004', '2026-12-03 16:00+08'),
    ('60000000-0000-4000-8000-000000000001', 'closed', 'public', '投诉属实，已责令机构按收费清单和退费规则退还剩余费用', '00000000-0000-4000-8000-000000000004', '2026-12-03 16:00+08'),
    ('60000000-0000-4000-8000-000000000002', 'submitted', 'public', '投诉已提交', null, '2026-12-01 10:30+08'),
    ('60000000-0000-4000-8000-000000000002', 'accepted', 'public', '已受理', '00000000-0000-4000-8000-000000000004', '2026-12-01 14:00+08'),
    ('60000000-0000-4000-8000-000000000002', 'assigned', 'public', '已转办', '00000000-0000-4000-8000-000000000004', '2026-12-01 14:10+08'),
    ('60000000-0000-4000-8000-000000000002', 'in_progress', 'public', '处理中', '00000000-0000-4000-8000-000000000007', '2026-12-02 09:30+08'),
    ('60000000-0000-4000-8000-000000000002', null, 'internal', '现场确认二楼两扇窗无防护栏，已要求立即加装', '00000000-0000-4000-8000-000000000007', '2026-12-02 09:30+08'),
    ('60000000-0000-4000-8000-000000000003', 'submitted', 'public', '投诉已提交', null, '2026-12-02 08:45+08'),
    ('60000000-0000-4000-8000-000000000003', 'accepted', 'public', '已受理', '00000000-0000-4000-8000-000000000004', '2026-12-02 11:00+08'),
    ('60000000-0000-4000-8000-000000000003', 'assigned', 'public', '转汶上县市场监督管理局办理', '00000000-0000-4000-8000-000000000004', '2026-12-02 11:05+08'),
    ('60000000-0000-4000-8000-000000000004', 'submitted', 'public', '投诉已提交', null, '2026-12-03 09:00+08'),
    ('60000000-0000-4000-8000-000000000004', 'accepted', 'public', '已受理', '00000000-0000-4000-8000-000000000004', '2026-12-03 16:20+08'),
    ('60000000-0000-4000-8000-000000000005', 'submitted', 'public', '投诉已提交', null, '2026-12-04 08:15+08'),
    ('60000000-0000-4000-8000-000000000006', 'submitted', 'public', '投诉已提交', null, '2026-12-04 09:40+08'),
    ('60000000-0000-4000-8000-000000000007', 'submitted', 'public', '投诉已提交', null, '2026-12-02 10:00+08'),
    ('60000000-0000-4000-8000-000000000007', 'accepted', 'public', '已受理', '00000000-0000-4000-8000-000000000005', '2026-12-02 15:00+08')
  ) as e(id, to_status, visibility, note, actor, at)
  join public.complaints c on c.id = e.id::uuid
 where not exists (select 1 from public.complaint_events x where x.complaint_id = c.id);

-- Inspections: a drawn 双随机 plan for 汶上 (爱心 限期整改 with a reported rectification, 小太阳 合格)
-- and an open rectification of 金城 (任城).
insert into public.inspection_plans (id, county_code, title, period_start, period_end, seed, institution_count,
  inspectors_per_team, departments, created_by, created_at)
values ('70000000-0000-4000-8000-000000000001', '370830000000', '2026年第四季度托育机构双随机联合检查', '2026-11-16', '2026-12-18',
        'wenshang-2026-q4', 2, 1, '{卫健,市场监管,消防}', '00000000-0000-4000-8000-000000000004', '2026-11-10 09:00+08')
on conflict (id) do nothing;
update public.inspection_plans p set selection = private.draw_selection(p), drawn_at = '2026-11-10 09:30+08'
 where p.id = '70000000-0000-4000-8000-000000000001' and p.selection is null;

insert into public.inspections (id, plan_id, institution_id, inspector_ids, departments, scheduled_on, status, result, summary,
  inspected_at, recorded_by, created_at)
values
  ('71000000-0000-4000-8000-000000000001', '70000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
   '{00000000-0000-4000-8000-000000000007}', '{卫健,市场监管,消防}', '2026-11-20', 'recorded', 'rectify',
   '视频监控未覆盖午睡室，录像保存不足90天；其余项目符合要求。限期整改。', '2026-11-20 10:30+08', '00000000-0000-4000-8000-000000000007', '2026-11-10 09:30+08'),
  ('71000000-0000-4000-8000-000000000002', '70000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002',
   '{00000000-0000-4000-8000-000000000007}', '{卫健,市场监管,消防}', '2026-11-24', 'recorded', 'pass',
   '各项检查符合要求。', '2026-11-24 15:00+08', '00000000-0000-4000-8000-000000000007', '2026-11-10 09:30+08'),
  ('71000000-0000-4000-8000-000000000003', null, '10000000-0000-4000-8000-000000000001',
   '{00000000-0000-4000-8000-000000000007}', '{卫健}', '2026-12-10', 'planned', null, null, null, null, '2026-12-01 09:00+08'),
  ('71000000-0000-4000-8000-000000000004', null, '10000000-0000-4000-8000-000000000004',
   '{00000000-0000-4000-8000-000000000005}', '{卫健,消防}', '2026-11-18', 'recorded', 'rectify',
   '消防疏散通道堆放杂物。', '2026-11-18 10:00+08', '00000000-0000-4000-8000-000000000005', '2026-11-12 09:00+08')
on conflict (id) do nothing;

insert into public.inspection_findings (inspection_id, institution_id, county_code, item_code, item_title, passed, note)
select i.id, i.institution_id, i.county_code, c.code, c.title,
       not ((i.id = '71000000-0000-4000-8000-000000000001' and c.code = 'cctv') or (i.id = '71000000-0000-4000-8000-000000000004' and c.code = 'fire_safety')),
       case when i.id = '71000000-0000-4000-8000-000000000001' and c.code = 'cctv' then '午睡室无监控，录像仅保存30天'
            when i.id = '71000000-0000-4000-8000-000000000004' and c.code = 'fire_safety' then '二楼疏散通道堆放床垫等杂物' end
  from public.inspections i cross join public.inspection_checklist_items c
 where i.status = 'recorded' and c.region_code is null
on conflict (inspection_id, item_code) do nothing;

insert into public.rectifications (id, inspection_id, institution_id, county_code, requirement, deadline_on, status,
  operator_report, reported_at, created_at)
values
  ('72000000-0000-4000-8000-000000000001', '71000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', '370830000000',
   '视频监控：午睡室无监控，录像仅保存30天', '2026-12-11', 'reported', '午睡室已加装2个摄像头，录像存储扩容至90天，附安装验收单。',
   '2026-12-02 16:00+08', '2026-11-20 10:30+08'),
  ('72000000-0000-4000-8000-000000000002', '71000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000004', '370811000000',
   '消防安全：二楼疏散通道堆放床垫等杂物', '2026-12-02', 'open', null, null, '2026-11-18 10:00+08')
on conflict (id) do nothing;
