-- Demo data for local development and tests (applied by `pnpm start` on first run,
-- `pnpm db:reset` and createTestDatabase({ seed: true })).
-- Regions are reference data: migrations/20261123000150_load_regions.sql.

-- =============================================================================================
-- Demo data (idempotent): accounts of supabase/demo-accounts.json, institutions, classes, staff,
-- filings in several states. All passwords: Tuoyu-demo-2025. Coordinates are GCJ-02 near the
-- real county seats; names and people are fictitious.
-- =============================================================================================

-- Accounts -------------------------------------------------------------------------------------
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', u.id::uuid, 'authenticated', 'authenticated', u.email,
       extensions.crypt('Tuoyu-demo-2025', extensions.gen_salt('bf')), now(),
       '{"provider":"email","providers":["email"]}', jsonb_build_object('display_name', u.display_name),
       now(), now(), '', '', '', ''
from (values
  ('00000000-0000-4000-8000-000000000001', 'province.shandong@demo.tuoyu.cn', '山东省卫健委 王处长'),
  ('00000000-0000-4000-8000-000000000002', 'city.jining@demo.tuoyu.cn', '济宁市卫健委 刘科长'),
  ('00000000-0000-4000-8000-000000000003', 'city.jinan@demo.tuoyu.cn', '济南市卫健委 陈科长'),
  ('00000000-0000-4000-8000-000000000004', 'county.wenshang@demo.tuoyu.cn', '汶上县卫健局 孙科员'),
  ('00000000-0000-4000-8000-000000000005', 'county.rencheng@demo.tuoyu.cn', '任城区卫健局 周科员'),
  ('00000000-0000-4000-8000-000000000006', 'county.yuzhong@demo.tuoyu.cn', '渝中区卫健委 吴科员'),
  ('00000000-0000-4000-8000-000000000007', 'inspector.wenshang@demo.tuoyu.cn', '汶上县市场监管局 郑检查员'),
  ('00000000-0000-4000-8000-000000000008', 'community.zhongdu@demo.tuoyu.cn', '中都街道 冯社工'),
  ('00000000-0000-4000-8000-000000000009', 'operator.wenshang@demo.tuoyu.cn', '爱心托育中心 赵园长'),
  ('00000000-0000-4000-8000-000000000010', 'operator.rencheng@demo.tuoyu.cn', '金城托育中心 钱园长'),
  ('00000000-0000-4000-8000-000000000011', 'family.zhang@demo.tuoyu.cn', '张女士'),
  ('00000000-0000-4000-8000-000000000012', 'family.li@demo.tuoyu.cn', '李先生')
) as u(id, email, display_name)
on conflict (id) do nothing;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
       'email', now(), now(), now()
  from auth.users u
 where u.email like '%@demo.tuoyu.cn'
on conflict (provider_id, provider) do nothing;

insert into public.staff_scopes (user_id, region_code, role, granted_by) values
  ('00000000-0000-4000-8000-000000000001', '370000000000', 'province_admin', null),
  ('00000000-0000-4000-8000-000000000002', '370800000000', 'city_admin', '00000000-0000-4000-8000-000000000001'),
  ('00000000-0000-4000-8000-000000000003', '370100000000', 'city_admin', '00000000-0000-4000-8000-000000000001'),
  ('00000000-0000-4000-8000-000000000004', '370830000000', 'county_admin', '00000000-0000-4000-8000-000000000002'),
  ('00000000-0000-4000-8000-000000000005', '370811000000', 'county_admin', '00000000-0000-4000-8000-000000000002'),
  ('00000000-0000-4000-8000-000000000006', '500103000000', 'county_admin', null),
  ('00000000-0000-4000-8000-000000000007', '370830000000', 'inspector', '00000000-0000-4000-8000-000000000004'),
  ('00000000-0000-4000-8000-000000000008', '370830001000', 'community_worker', '00000000-0000-4000-8000-000000000004')
on conflict (user_id, region_code, role) do nothing;

-- Population and targets ---------------------------------------------------------------------------
insert into public.region_populations (region_code, year, resident_population, under3_population, source, updated_by) values
  ('370000000000', 2024, 100800000, 2150000, '演示数据（按统计公报量级估算）', null),
  ('370800000000', 2024, 8250000, 178000, '演示数据（按统计公报量级估算）', null),
  ('370830000000', 2024, 660000, 14500, '演示数据（按统计公报量级估算）', null),
  ('370811000000', 2024, 1300000, 29000, '演示数据（按统计公报量级估算）', null),
  ('370100000000', 2024, 9400000, 210000, '演示数据（按统计公报量级估算）', null),
  ('500000000000', 2024, 31900000, 640000, '演示数据（按统计公报量级估算）', null),
  ('500103000000', 2024, 590000, 11000, '演示数据（按统计公报量级估算）', null),
  ('410000000000', 2024, 98150000, 2300000, '演示数据（按统计公报量级估算）', null),
  ('410100000000', 2024, 13000000, 300000, '演示数据（按统计公报量级估算）', null)
on conflict (region_code, year) do nothing;

insert into public.region_targets (region_code, metric, year, value, note, updated_by)
select p.code, m.metric::public.target_metric, 2025, m.value, m.note, null
  from (values ('370000000000'), ('500000000000'), ('410000000000')) as p(code),
       (values ('slots_per_1000', 4.5, '“十四五”目标：每千人口托位数4.5个'),
               ('affordable_share', 60, '普惠托位占比（重庆）'),
               ('streets_with_affordable_share', 90, '90%以上街道（乡镇）有普惠托育机构（重庆）'),
               ('certified_staff_rate', 90, '持证上岗率（重庆）'),
               ('health_record_rate', 100, '婴幼儿电子健康档案建档率（重庆）')) as m(metric, value, note)
on conflict (region_code, metric, year) do nothing;
insert into public.region_targets (region_code, metric, year, value, note, updated_by) values
  ('370830000000', 'annual_new_slots', 2022, 784, '2022年新增托位1040个，完成年度任务132.65%', null),
  ('370830000000', 'annual_new_slots', 2023, 780, '演示数据', null),
  ('370800000000', 'slots_per_1000', 2025, 4.5, '济宁已达4.78', null)
on conflict (region_code, metric, year) do nothing;

-- Institutions -------------------------------------------------------------------------------------
insert into public.institutions (id, name, type, ownership, operating_model, street_code, affordable, services,
  meals_served, opening_hours, fee_items, prepayment_terms, contact_phone, description, status, filing_no, filed_at) values
  ('10000000-0000-4000-8000-000000000001', '汶上县爱心托育中心', 'center', 'public_private_run', 'community', '370830001000', true,
   '{full_day,half_day,hourly}', true, '周一至周五 7:30-17:30',
   '[{"name":"全日托保育费","amount":1200,"unit":"元/月"},{"name":"半日托保育费","amount":800,"unit":"元/月"},{"name":"伙食费","amount":15,"unit":"元/天"}]',
   '按月收费，不预收超过3个月的费用；退托按剩余天数退费', '0537-7211001', '社区嵌入式普惠托育中心，3个班。', 'filed', '37083020240001', '2024-09-02 10:00+08'),
  ('10000000-0000-4000-8000-000000000002', '汶上县小太阳家庭托育点', 'home_based', 'private', 'community', '370830002000', true,
   '{full_day,temporary}', false, '周一至周六 8:00-17:00',
   '[{"name":"保育费","amount":1000,"unit":"元/月"}]', '按月收费', '13805371234', '家庭托育点，最多收托5名婴幼儿。', 'filed', '37083020240002', '2024-11-15 10:00+08'),
  ('10000000-0000-4000-8000-000000000003', '汶上县南站街道宝贝托育园', 'center', 'private', 'standalone', '370830003000', false,
   '{full_day}', true, '周一至周五 7:30-18:00', '[{"name":"保育费","amount":1600,"unit":"元/月"}]', '按学期收费，退托按月退费', '0537-7215566', null, 'draft', null, null),
  ('10000000-0000-4000-8000-000000000004', '济宁市任城区金城托育中心', 'center', 'private_public_aided', 'standalone', '370811008000', true,
   '{full_day,half_day}', true, '周一至周五 7:30-18:00',
   '[{"name":"全日托保育费","amount":1500,"unit":"元/月"},{"name":"伙食费","amount":18,"unit":"元/天"}]',
   '按月收费；因故停业的，剩余费用全额退还', '0537-2345678', '任城区普惠托育示范机构。', 'filed', '37081120240001', '2024-06-20 10:00+08'),
  ('10000000-0000-4000-8000-000000000005', '任城区仙营街道第一幼儿园托班', 'center', 'public', 'kindergarten_class', '370811007000', true,
   '{full_day}', true, '周一至周五 8:00-17:00', '[{"name":"保育费","amount":900,"unit":"元/月"}]', '按月收费', '0537-2233445', '公办幼儿园开设的托班。', 'filed', '37081120240002', '2024-08-30 10:00+08'),
  ('10000000-0000-4000-8000-000000000006', '重庆市渝中区解放碑托育中心', 'center', 'private', 'standalone', '500103003000', false,
   '{full_day,half_day,hourly}', true, '周一至周六 7:30-19:00', '[{"name":"全日托保育费","amount":3800,"unit":"元/月"}]',
   '预收费不超过3个月，存入监管账户', '023-63801234', null, 'filed', '50010320240001', '2024-05-10 10:00+08'),
  ('10000000-0000-4000-8000-000000000007', '济南市历下区泉城托育中心', 'center', 'soe_run', 'service_center', '370102004000', true,
   '{full_day,half_day}', true, '周一至周五 7:30-18:00', '[{"name":"全日托保育费","amount":2200,"unit":"元/月"}]',
   '按月收费', '0531-86001234', null, 'filed', '37010220240001', '2024-07-01 10:00+08'),
  ('10000000-0000-4000-8000-000000000008', '郑州市金水区阳光托育园', 'center', 'private', 'employer', '410105002000', false,
   '{full_day}', true, '周一至周五 7:30-18:00', '[{"name":"全日托保育费","amount":2600,"unit":"元/月"}]',
   '按月收费', '0371-65001234', '用人单位办托。', 'filed', '41010520240001', '2024-04-18 10:00+08'),
  ('10000000-0000-4000-8000-000000000009', '汶上县康驿镇启蒙托育园', 'center', 'private', 'standalone', '370830106000', false,
   '{full_day,half_day}', false, '周一至周五 8:00-17:00', '[{"name":"保育费","amount":1100,"unit":"元/月"}]', '按月收费', '0537-7301234', null, 'draft', null, null)
on conflict (id) do nothing;

insert into public.institution_sites (institution_id, address, lat, lng, premises_note) values
  ('10000000-0000-4000-8000-000000000001', '山东省济宁市汶上县中都街道中都大街188号', 35.732400, 116.497100, '街道提供公建场所'),
  ('10000000-0000-4000-8000-000000000002', '山东省济宁市汶上县汶上街道泉河小区6号楼2单元101室', 35.721830, 116.482660, '自有住宅'),
  ('10000000-0000-4000-8000-000000000003', '山东省济宁市汶上县南站街道站前路66号', 35.701500, 116.512300, '租赁5年'),
  ('10000000-0000-4000-8000-000000000004', '山东省济宁市任城区金城街道红星中路58号', 35.414900, 116.587600, null),
  ('10000000-0000-4000-8000-000000000005', '山东省济宁市任城区仙营街道仙营路12号', 35.423100, 116.596800, null),
  ('10000000-0000-4000-8000-000000000006', '重庆市渝中区解放碑街道民族路166号', 29.557300, 106.577100, null),
  ('10000000-0000-4000-8000-000000000007', '山东省济南市历下区泉城路街道泉城路268号', 36.665800, 117.024700, null),
  ('10000000-0000-4000-8000-000000000008', '河南省郑州市金水区花园路街道花园路39号', 34.781200, 113.680900, null),
  ('10000000-0000-4000-8000-000000000009', '山东省济宁市汶上县康驿镇康驿大街20号', 35.640200, 116.430500, null)
on conflict (institution_id) do nothing;

insert into public.institution_members (institution_id, user_id, member_role) values
  ('10000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000009', 'owner'),
  ('10000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000010', 'owner')
on conflict (institution_id, user_id) do nothing;

insert into public.classes (id, institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', '小星星乳儿班', 'infant', 6, 12, 10, 8, 3),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', '彩虹托小班', 'toddler', 12, 24, 15, 14, 3),
  ('20000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', '向日葵托大班', 'older_toddler', 24, 36, 20, 18, 3),
  ('20000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000002', '小太阳混龄组', 'mixed_age', 18, 36, 5, 4, 2),
  ('20000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000004', '托小一班', 'toddler', 12, 24, 15, 12, 3),
  ('20000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000004', '托大一班', 'older_toddler', 24, 36, 20, 20, 3),
  ('20000000-0000-4000-8000-000000000007', '10000000-0000-4000-8000-000000000005', '托大班', 'older_toddler', 24, 36, 20, 16, 3),
  ('20000000-0000-4000-8000-000000000008', '10000000-0000-4000-8000-000000000006', '混龄一班', 'mixed_age', 18, 36, 18, 15, 3),
  ('20000000-0000-4000-8000-000000000009', '10000000-0000-4000-8000-000000000007', '乳儿班', 'infant', 6, 12, 10, 9, 3),
  ('20000000-0000-4000-8000-000000000010', '10000000-0000-4000-8000-000000000008', '托小班', 'toddler', 12, 24, 15, 10, 2),
  ('20000000-0000-4000-8000-000000000011', '10000000-0000-4000-8000-000000000003', '托小班', 'toddler', 12, 24, 15, 0, 0)
on conflict (id) do nothing;

insert into public.staff (id, institution_id, name, role, certificate_type, certificate_no, health_certificate_expires_on, training_records, employed_since) values
  ('30000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', '赵丽', 'director', 'kindergarten_teacher', '20133708002001', '2026-03-31', '[{"title":"托育机构负责人培训","date":"2024-05-12","hours":24}]', '2022-03-01'),
  ('30000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', '孙梅', 'carer', 'nursery_carer', 'BYS370830202301', '2026-06-30', '[{"title":"婴幼儿照护技能","date":"2024-09-08","hours":16}]', '2022-09-01'),
  ('30000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000001', '周芳', 'carer', 'infant_carer', 'YYY370830202302', '2025-12-31', '[]', '2023-02-15'),
  ('30000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000001', '王强', 'cook', null, null, '2026-01-31', '[]', '2022-03-01'),
  ('30000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000002', '吴静', 'carer', 'nursery_carer', 'BYS370830202405', '2026-08-31', '[]', '2024-10-01'),
  ('30000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000004', '钱红', 'director', 'kindergarten_teacher', '20123708001101', '2026-04-30', '[]', '2021-06-01'),
  ('30000000-0000-4000-8000-000000000007', '10000000-0000-4000-8000-000000000004', '郑丹', 'carer', 'nursery_carer', 'BYS370811202201', '2025-11-30', '[]', '2022-01-10'),
  ('30000000-0000-4000-8000-000000000008', '10000000-0000-4000-8000-000000000006', '何静', 'health_worker', 'nurse', 'HS500103201901', '2026-05-31', '[]', '2020-09-01')
on conflict (id) do nothing;

-- Filings in several states --------------------------------------------------------------------------
insert into public.filings (id, institution_id, kind, status, form, materials, pledge_accepted, submitted_at, deadline_on,
  reviewer_id, review_started_at, decided_at, decision_reasons, filing_no, created_by, created_at) values
  ('40000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'new', 'approved',
   '{"legal_representative":"赵丽","total_slots":45}', '{}', true, '2024-08-26 09:00+08', '2024-09-02',
   '00000000-0000-4000-8000-000000000004', '2024-08-27 09:00+08', '2024-09-02 10:00+08', null, '37083020240001',
   '00000000-0000-4000-8000-000000000009', '2024-08-20 09:00+08'),
  ('40000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001', 'change', 'draft',
   '{"change_items":["新增托大班"]}', '{}', false, null, null, null, null, null, null, null,
   '00000000-0000-4000-8000-000000000009', now()),
  ('40000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000003', 'new', 'submitted',
   '{"legal_representative":"陈涛","total_slots":15}', '{}', true, now() - interval '1 day',
   public.add_working_days(((now() - interval '1 day') at time zone 'Asia/Shanghai')::date, 5),
   null, null, null, null, null, null, now() - interval '3 days'),
  ('40000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000004', 'new', 'approved',
   '{"legal_representative":"钱红","total_slots":35}', '{}', true, '2024-06-13 09:00+08', '2024-06-20',
   '00000000-0000-4000-8000-000000000005', '2024-06-14 09:00+08', '2024-06-20 10:00+08', null, '37081120240001',
   '00000000-0000-4000-8000-000000000010', '2024-06-10 09:00+08'),
  ('40000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000004', 'change', 'under_review',
   '{"change_items":["变更开放时间"]}', '{"filing_form":{"ok":true}}', true, now() - interval '2 days',
   public.add_working_days(((now() - interval '2 days') at time zone 'Asia/Shanghai')::date, 5),
   '00000000-0000-4000-8000-000000000005', now() - interval '1 day', null, null, null,
   '00000000-0000-4000-8000-000000000010', now() - interval '4 days'),
  ('40000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000009', 'new', 'returned',
   '{"legal_representative":"林军","total_slots":20}', '{"fire_safety":{"ok":false,"note":"消防验收意见书已过期"}}', true,
   now() - interval '6 days', public.add_working_days(((now() - interval '6 days') at time zone 'Asia/Shanghai')::date, 5),
   '00000000-0000-4000-8000-000000000004', now() - interval '5 days', now() - interval '4 days',
   '消防安全证明已过期，请补充有效的消防验收意见书', null, null, now() - interval '7 days'),
  ('40000000-0000-4000-8000-000000000007', '10000000-0000-4000-8000-000000000006', 'new', 'approved', '{}', '{}', true,
   '2024-05-06 09:00+08', '2024-05-13', '00000000-0000-4000-8000-000000000006', '2024-05-07 09:00+08', '2024-05-10 10:00+08',
   null, '50010320240001', null, '2024-05-01 09:00+08'),
  ('40000000-0000-4000-8000-000000000008', '10000000-0000-4000-8000-000000000002', 'new', 'approved', '{}', '{}', true,
   '2024-11-11 09:00+08', '2024-11-18', '00000000-0000-4000-8000-000000000004', '2024-11-12 09:00+08', '2024-11-15 10:00+08',
   null, '37083020240002', null, '2024-11-08 09:00+08'),
  ('40000000-0000-4000-8000-000000000009', '10000000-0000-4000-8000-000000000005', 'new', 'approved', '{}', '{}', true,
   '2024-08-26 09:00+08', '2024-09-02', '00000000-0000-4000-8000-000000000005', '2024-08-27 09:00+08', '2024-08-30 10:00+08',
   null, '37081120240002', null, '2024-08-20 09:00+08'),
  ('40000000-0000-4000-8000-000000000010', '10000000-0000-4000-8000-000000000007', 'new', 'rejected', '{}', '{}', true,
   '2024-03-04 09:00+08', '2024-03-11', null, '2024-03-05 09:00+08', '2024-03-08 10:00+08',
   '卫生评价报告不合格', null, null, '2024-03-01 09:00+08'),
  ('40000000-0000-4000-8000-000000000011', '10000000-0000-4000-8000-000000000007', 'new', 'approved', '{}', '{}', true,
   '2024-06-24 09:00+08', '2024-07-01', null, '2024-06-25 09:00+08', '2024-07-01 10:00+08',
   null, '37010220240001', null, '2024-06-20 09:00+08'),
  ('40000000-0000-4000-8000-000000000012', '10000000-0000-4000-8000-000000000008', 'new', 'approved', '{}', '{}', true,
   '2024-04-11 09:00+08', '2024-04-18', null, '2024-04-12 09:00+08', '2024-04-18 10:00+08',
   null, '41010520240001', null, '2024-04-08 09:00+08')
on conflict (id) do nothing;

-- Materials of the submitted, under-review and returned filings (metadata; file bodies are not seeded).
insert into storage.objects (bucket_id, name, owner, metadata)
select 'filing-documents', f.county_code || '/' || f.institution_id || '/' || f.id || '/' || m.material || '.pdf',
       f.created_by, jsonb_build_object('mimetype', 'application/pdf', 'size', 204800)
  from public.filings f,
       unnest(array['filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation', 'fire_safety', 'food_licence']) as m(material)
 where f.id in ('40000000-0000-4000-8000-000000000003', '40000000-0000-4000-8000-000000000005', '40000000-0000-4000-8000-000000000006')
on conflict (bucket_id, name) do nothing;

insert into public.filing_documents (filing_id, material_type, storage_path, file_name, mime_type, size_bytes, uploaded_by)
select f.id, replace(split_part(o.name, '/', 4), '.pdf', '')::public.material_type, o.name, split_part(o.name, '/', 4), 'application/pdf', 204800, f.created_by
  from public.filings f
  join storage.objects o on o.bucket_id = 'filing-documents' and o.name like f.county_code || '/' || f.institution_id || '/' || f.id || '/%'
on conflict (storage_path) do nothing;

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
-- =============================================================================================
-- Content (issue 14): the 2025 托育服务宣传月 (山东: 济南 and 济宁), events on several streets,
-- national and Shandong policies, parenting articles, guidance centres, experts and their slots.
-- Policy texts are abridged; provincial, city and county documents are fictitious demo documents
-- (marked 演示) — only the national ones name real documents.
-- =============================================================================================

-- Campaigns ------------------------------------------------------------------------------------------
insert into public.campaigns (id, name, theme, year, starts_on, ends_on, region_code, description, created_by) values
  ('50000000-0000-4000-8000-000000000001', '2025年托育服务宣传月', '普惠托育·科学育儿', 2025, '2025-05-15', '2025-06-15', '370000000000',
   '围绕“普惠托育·科学育儿”主题，全省各地开展托育机构开放日、专家讲座、义诊咨询、亲子活动和政策宣传，济南“泉心托”品牌与济宁“医育结合”同步推进。',
   '00000000-0000-4000-8000-000000000001')
on conflict (id) do nothing;

insert into public.event_review_settings (county_code, review_required, updated_by) values
  ('370830000000', true, '00000000-0000-4000-8000-000000000004'),
  ('370811000000', false, '00000000-0000-4000-8000-000000000005')
on conflict (county_code) do nothing;

-- Events: the 2025 campaign (held), one outside its dates, and upcoming ones open for sign-up -----------
insert into public.events (id, campaign_id, title, kind, status, description, street_code, county_code, starts_at, ends_at,
  venue, lat, lng, min_age_months, max_age_months, capacity, signup_opens_at, signup_closes_at, created_by, reviewed_by, reviewed_at) values
  ('51000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000001', '爱心托育中心开放日', 'open_day', 'published',
   '参观托育环境、了解一日生活安排与收费标准，现场答疑普惠托位申请。', '370830001000', '370830000000',
   '2025-05-24 09:00+08', '2025-05-24 11:30+08', '汶上县中都街道中都大街188号 爱心托育中心', 35.7324, 116.4971, 6, 36, 20,
   '2025-05-10 09:00+08', '2025-05-23 18:00+08', '00000000-0000-4000-8000-000000000008', '00000000-0000-4000-8000-000000000004', '2025-05-12 10:00+08'),
  ('51000000-0000-4000-8000-000000000002', '50000000-0000-4000-8000-000000000001', '婴幼儿科学喂养专家讲座', 'lecture', 'published',
   '县妇幼保健院儿保科医生讲解辅食添加与挑食应对。', '370830001000', '370830000000',
   '2025-06-07 14:30+08', '2025-06-07 16:00+08', '中都街道社区服务中心二楼多功能厅', 35.7330, 116.4950, 0, 36, 60,
   '2025-05-20 09:00+08', '2025-06-07 12:00+08', '00000000-0000-4000-8000-000000000008', '00000000-0000-4000-8000-000000000004', '2025-05-21 10:00+08'),
  ('51000000-0000-4000-8000-000000000003', '50000000-0000-4000-8000-000000000001', '普惠托育政策咨询日', 'policy_consultation', 'published',
   '县卫健局现场解读托育补贴与备案办理。', null, '370830000000',
   '2025-05-30 09:00+08', '2025-05-30 12:00+08', '汶上县政务服务中心一楼大厅', 35.7290, 116.4890, 0, 36, 100,
   '2025-05-15 09:00+08', '2025-05-30 09:00+08', '00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000004', '2025-05-15 09:00+08'),
  ('51000000-0000-4000-8000-000000000004', '50000000-0000-4000-8000-000000000001', '金城街道亲子运动会', 'parent_child', 'published',
   '亲子爬行赛、平衡木与绘本角，适合1-3岁宝宝。', '370811008000', '370811000000',
   '2025-05-31 09:00+08', '2025-05-31 11:00+08', '任城区金城街道文化广场', 35.4150, 116.5870, 12, 36, 40,
   '2025-05-16 09:00+08', '2025-05-30 18:00+08', '00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000005', '2025-05-16 09:00+08'),
  ('51000000-0000-4000-8000-000000000005', '50000000-0000-4000-8000-000000000001', '“泉心托”机构开放日', 'open_day', 'published',
   '济南“泉心托”品牌托育机构开放参观，了解普惠托位。', '370102004000', '370102000000',
   '2025-05-23 14:00+08', '2025-05-23 16:30+08', '济南市历下区泉城路街道泉城路268号 泉城托育中心', 36.6658, 117.0247, 6, 36, 30,
   '2025-05-15 09:00+08', '2025-05-23 12:00+08', null, null, null),
  ('51000000-0000-4000-8000-000000000006', '50000000-0000-4000-8000-000000000001', '儿童常见病义诊', 'free_clinic', 'published',
   '儿童医院专家现场义诊，不在宣传月日期内（不在宣传月下列出）。', '370102001000', '370102000000',
   '2025-07-05 09:00+08', '2025-07-05 11:30+08', '历下区解放路街道社区卫生服务中心', 36.6680, 117.0400, 0, 36, 50,
   '2025-06-20 09:00+08', '2025-07-04 18:00+08', null, null, null),
  ('51000000-0000-4000-8000-000000000007', null, '冬季婴幼儿安全照护讲座', 'lecture', 'published',
   '预防烫伤、跌落与一氧化碳中毒，社区医生讲解并演示。', '370830001000', '370830000000',
   date_trunc('day', now()) + interval '10 days 14 hours', date_trunc('day', now()) + interval '10 days 16 hours',
   '中都街道社区服务中心二楼多功能厅', 35.7330, 116.4950, 0, 36, 30,
   now() - interval '1 day', date_trunc('day', now()) + interval '9 days 18 hours', '00000000-0000-4000-8000-000000000008',
   '00000000-0000-4000-8000-000000000004', now() - interval '2 days'),
  ('51000000-0000-4000-8000-000000000008', null, '入户养育指导预约', 'home_visit', 'published',
   '指导中心护士入户指导喂养与睡眠，名额有限。', '370830001000', '370830000000',
   date_trunc('day', now()) + interval '14 days 9 hours', date_trunc('day', now()) + interval '14 days 17 hours',
   '汶上县中都街道（入户）', 35.7320, 116.4960, 0, 12, 2,
   now() - interval '1 day', date_trunc('day', now()) + interval '13 days 18 hours', '00000000-0000-4000-8000-000000000008',
   '00000000-0000-4000-8000-000000000004', now() - interval '2 days')
,
  ('51000000-0000-4000-8000-000000000009', null, '新春亲子绘本会（待审核）', 'parent_child', 'pending_review',
   '中都街道社区工作者提交，等待县卫健局审核。', '370830001000', '370830000000',
   date_trunc('day', now()) + interval '20 days 9 hours', date_trunc('day', now()) + interval '20 days 11 hours',
   '中都街道社区图书室', 35.7335, 116.4955, 12, 36, 15,
   now(), date_trunc('day', now()) + interval '19 days 18 hours', '00000000-0000-4000-8000-000000000008', null, null)
on conflict (id) do nothing;

insert into public.event_institutions (event_id, institution_id) values
  ('51000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001'),
  ('51000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000007')
on conflict do nothing;

-- 张女士 took part in the open day and the lecture; registered for the upcoming safety lecture.
insert into public.event_signups (id, event_id, user_id, attendee_kind, attendee_name, child_age_months, status, short_code,
  county_code, street_code, created_at, checked_in_at, checked_in_by) values
  ('57000000-0000-4000-8000-000000000001', '51000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000011',
   'child', '小宇', 18, 'attended', '240524', '370830000000', '370830001000', '2025-05-12 20:00+08', '2025-05-24 09:05+08', '00000000-0000-4000-8000-000000000008'),
  ('57000000-0000-4000-8000-000000000002', '51000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000011',
   'adult', '张女士', null, 'no_show', '250607', '370830000000', '370830001000', '2025-05-22 20:00+08', null, null),
  ('57000000-0000-4000-8000-000000000003', '51000000-0000-4000-8000-000000000007', '00000000-0000-4000-8000-000000000011',
   'child', '小宇', 24, 'confirmed', '318204', '370830000000', '370830001000', now() - interval '12 hours', null, null)
on conflict (id) do nothing;
update public.events e
   set confirmed_count = (select count(*) from public.event_signups s where s.event_id = e.id and s.status in ('confirmed', 'attended', 'no_show'))
 where e.id::text like '51000000-%';

-- Policies -------------------------------------------------------------------------------------------------
insert into public.policies (id, title, issuing_body, level, region_code, document_no, issued_on, effective_on, tags, summary, body, published_at) values
  ('52000000-0000-4000-8000-000000000001', '国务院办公厅关于促进3岁以下婴幼儿照护服务发展的指导意见', '国务院办公厅', 'national', null,
   '国办发〔2019〕15号', '2019-04-17', '2019-04-17', '{普惠,家庭照护}',
   '明确婴幼儿照护服务以家庭为主、托育补充，提出加强对家庭的支持指导、加快发展多种形式的托育服务。',
   '婴幼儿照护服务是生命全周期服务管理的重要内容。坚持家庭为主，托育补充；坚持政策引导，普惠优先；坚持安全健康，科学规范；坚持属地管理，分类指导。'
   || '加强对家庭婴幼儿照护的支持和指导，加大对社区婴幼儿照护服务的支持力度，规范发展多种形式的婴幼儿照护服务机构。（摘录）', '2019-04-17 00:00+08'),
  ('52000000-0000-4000-8000-000000000002', '托育机构设置标准（试行）和托育机构管理规范（试行）', '国家卫生健康委', 'national', null,
   '国卫人口发〔2019〕58号', '2019-10-08', '2019-10-08', '{备案,标准}',
   '规定托育机构的场地、人员、班级规模与保育人员配比等设置标准，以及收托、保育、安全与健康管理要求。',
   '乳儿班（6-12个月）10人以下，保育人员与婴幼儿之比不低于1:3；托小班（12-24个月）15人以下，不低于1:5；托大班（24-36个月）20人以下，不低于1:7。'
   || '18个月以上的婴幼儿可混合编班，每个班不超过18人。（摘录）', '2019-10-08 00:00+08'),
  ('52000000-0000-4000-8000-000000000003', '育儿补贴制度实施方案', '中共中央办公厅 国务院办公厅', 'national', null,
   '', '2025-07-28', '2025-01-01', '{补贴,育儿补贴}',
   '自2025年1月1日起，对符合法律法规规定生育的3周岁以下婴幼儿发放育儿补贴。',
   '育儿补贴按年发放，现阶段国家基础标准为每孩每年3600元，至婴幼儿满3周岁。家长通过育儿补贴信息管理系统或当地渠道申领。（摘录）', '2025-07-28 00:00+08'),
  ('52000000-0000-4000-8000-000000000004', '山东省普惠托育服务发展实施意见（演示）', '山东省卫生健康委员会（演示）', 'province', '370000000000',
   '演示文件', '2024-03-15', '2024-04-01', '{普惠,用人单位办托,税费减免}',
   '演示数据：支持社区嵌入式、用人单位办托等多种模式，落实税费减免，到2025年每千人口托位数达到4.5个。',
   '各市要将普惠托育纳入民生实事，用人单位可单独或联合举办托育服务；托育机构按规定享受税费减免和水电气居民价格。（演示文本）', '2024-03-15 00:00+08'),
  ('52000000-0000-4000-8000-000000000005', '济宁市普惠托育机构运营补贴办法（演示）', '济宁市卫生健康委员会（演示）', 'city', '370800000000',
   '演示文件', '2024-06-01', '2024-07-01', '{补贴,普惠}',
   '演示数据：对认定的普惠托育机构按实际收托人数给予运营补贴，按班型分档。',
   '经认定的普惠托育机构，可按实际收托婴幼儿人数申请托育补贴，每年核定一次，由县级卫生健康部门审核、财政部门拨付。'
   || '补贴标准见附表；虚报冒领的，追回补贴并取消普惠资格。（演示文本）', '2024-06-01 00:00+08'),
  ('52000000-0000-4000-8000-000000000006', '汶上县托育机构备案办事指南（演示）', '汶上县卫生健康局（演示）', 'county', '370830000000',
   '演示文件', '2024-09-01', '2024-09-01', '{备案}',
   '演示数据：托育机构备案材料清单、办理时限（5个工作日）与咨询电话。',
   '申请人通过“托育一件事”提交备案书、承诺书、营业执照或法人登记证书、场地证明、人员资格证明、卫生评价报告、消防证明等材料。（演示文本）', '2024-09-01 00:00+08'),
  ('52000000-0000-4000-8000-000000000007', '重庆市托育服务补助政策（演示）', '重庆市卫生健康委员会（演示）', 'province', '500000000000',
   '演示文件', '2024-05-01', '2024-05-01', '{补贴}',
   '演示数据：普惠托育机构运营补贴按班型分档。', '重庆市普惠托育机构按收托人数享受运营补贴。（演示文本）', '2024-05-01 00:00+08')
on conflict (id) do nothing;

insert into public.policy_subsidy_amounts (policy_id, item, amount_yuan, unit, note, sort)
select v.policy_id::uuid, v.item, v.amount, v.unit, v.note, v.sort
  from (values
    ('52000000-0000-4000-8000-000000000003', '育儿补贴（3周岁以下，每孩）', 3600, '元/年', '国家基础标准', 1),
    ('52000000-0000-4000-8000-000000000005', '乳儿班运营补贴', 900, '元/人·年', '6-12个月', 1),
    ('52000000-0000-4000-8000-000000000005', '托小班运营补贴', 800, '元/人·年', '12-24个月', 2),
    ('52000000-0000-4000-8000-000000000005', '托大班运营补贴', 700, '元/人·年', '24-36个月', 3)
  ) as v(policy_id, item, amount, unit, note, sort)
 where not exists (select 1 from public.policy_subsidy_amounts a where a.policy_id = v.policy_id::uuid and a.item = v.item);

-- Parenting articles -----------------------------------------------------------------------------------------
insert into public.articles (id, title, topic, min_age_months, max_age_months, summary, body, region_code, source, published_at) values
  ('53000000-0000-4000-8000-000000000001', '6月龄起如何添加辅食', 'nutrition', 6, 12, '从强化铁的米粉开始，一次只添加一种新食物。',
   '满6月龄开始添加辅食，首选强化铁的婴儿米粉、肉泥等富铁食物；每引入一种新食物观察2-3天；继续母乳喂养；不加盐、糖和调味品。', '370000000000', '演示文章', '2025-05-15 00:00+08'),
  ('53000000-0000-4000-8000-000000000002', '1-3岁幼儿的睡眠安排', 'sleep', 12, 36, '每天总睡眠11-14小时，建立固定的睡前程序。',
   '1-2岁幼儿每天总睡眠11-14小时，2-3岁10-13小时；午睡1-2次；睡前1小时避免屏幕；洗澡、刷牙、讲故事形成固定程序。', '370000000000', '演示文章', '2025-05-15 00:00+08'),
  ('53000000-0000-4000-8000-000000000003', '婴儿大运动发育里程碑', 'development', 0, 18, '抬头、翻身、坐、爬、走：各阶段的参考月龄。',
   '约3月龄俯卧抬头，4-6月龄翻身，6-8月龄独坐，8-10月龄爬行，12-15月龄独走。个体差异较大，明显落后时请咨询儿保医生。', '370000000000', '演示文章', '2025-05-15 00:00+08'),
  ('53000000-0000-4000-8000-000000000004', '居家防跌落与防烫伤', 'safety', 6, 36, '窗户加装护栏，热水先放冷水。',
   '家具边角加防撞条，窗户与阳台加装护栏；洗澡先放冷水再放热水，水温以37-40℃为宜；热饮远离桌边。', '370800000000', '演示文章', '2025-05-20 00:00+08'),
  ('53000000-0000-4000-8000-000000000005', '按时接种疫苗，预防常见传染病', 'disease_prevention', 0, 36, '按免疫规划程序接种，接种后留观30分钟。',
   '按国家免疫规划程序按时接种；接种后在接种点留观30分钟；手足口病高发季节注意勤洗手、少去人多的密闭场所。', '370800000000', '演示文章', '2025-05-20 00:00+08'),
  ('53000000-0000-4000-8000-000000000006', '2-3岁挑食怎么办', 'nutrition', 24, 36, '让孩子参与备餐，不强迫、不奖励。',
   '提供多样食物，固定进餐时间和地点；让孩子参与洗菜、摆碗筷；不以零食作奖励；同一食物可反复尝试10-15次。', '370000000000', '演示文章', '2025-05-25 00:00+08')
on conflict (id) do nothing;

-- Guidance centres, experts and slots --------------------------------------------------------------------------------
insert into public.guidance_centers (id, name, region_code, address, lat, lng, phone, opening_hours, description) values
  ('54000000-0000-4000-8000-000000000001', '济宁市婴幼儿照护服务指导中心', '370800000000', '济宁市任城区（演示地址）', 35.4146, 116.5872, '0537-0000001',
   '周一至周五 8:30-17:00', '依托市妇幼保健院，开展托育从业人员培训、家庭养育指导与专家签约服务。'),
  ('54000000-0000-4000-8000-000000000002', '汶上县婴幼儿照护服务指导中心', '370830000000', '汶上县中都街道（演示地址）', 35.7310, 116.4940, '0537-0000002',
   '周一至周五 8:30-17:00', '依托县妇幼保健院，提供婴幼儿发育评估、喂养与睡眠咨询。'),
  ('54000000-0000-4000-8000-000000000003', '济南市婴幼儿照护服务指导中心', '370100000000', '济南市历下区（演示地址）', 36.6660, 117.0240, '0531-0000003',
   '周一至周五 8:30-17:00', '依托济南市儿童医院，开展科学育儿指导。')
on conflict (id) do nothing;

insert into public.experts (id, name, title, speciality, guidance_center_id, region_code, bio) values
  ('55000000-0000-4000-8000-000000000001', '王医生', '主任医师', '儿童保健、生长发育评估', '54000000-0000-4000-8000-000000000001', '370800000000', '从事儿童保健工作20年（演示人物）。'),
  ('55000000-0000-4000-8000-000000000002', '刘护士长', '副主任护师', '婴儿喂养与睡眠指导', '54000000-0000-4000-8000-000000000002', '370830000000', '擅长母乳喂养与辅食添加指导（演示人物）。'),
  ('55000000-0000-4000-8000-000000000003', '陈老师', '高级育婴师', '早期发展与亲子游戏', '54000000-0000-4000-8000-000000000002', '370830000000', '托育机构保育人员培训讲师（演示人物）。'),
  ('55000000-0000-4000-8000-000000000004', '赵医生', '副主任医师', '儿童常见病预防', '54000000-0000-4000-8000-000000000003', '370100000000', '济南“泉心托”专家团队成员（演示人物）。')
on conflict (id) do nothing;

insert into public.consultation_slots (id, expert_id, starts_at, ends_at, mode, location, capacity) values
  ('56000000-0000-4000-8000-000000000001', '55000000-0000-4000-8000-000000000002', date_trunc('day', now()) + interval '3 days 9 hours',
   date_trunc('day', now()) + interval '3 days 10 hours', 'in_person', '汶上县婴幼儿照护服务指导中心 咨询室1', 3),
  ('56000000-0000-4000-8000-000000000002', '55000000-0000-4000-8000-000000000002', date_trunc('day', now()) + interval '5 days 14 hours',
   date_trunc('day', now()) + interval '5 days 15 hours', 'phone', '电话咨询（预约后专家来电）', 2),
  ('56000000-0000-4000-8000-000000000003', '55000000-0000-4000-8000-000000000003', date_trunc('day', now()) + interval '4 days 9 hours',
   date_trunc('day', now()) + interval '4 days 11 hours', 'in_person', '汶上县婴幼儿照护服务指导中心 亲子活动室', 5),
  ('56000000-0000-4000-8000-000000000004', '55000000-0000-4000-8000-000000000001', date_trunc('day', now()) + interval '6 days 9 hours',
   date_trunc('day', now()) + interval '6 days 10 hours', 'in_person', '济宁市婴幼儿照护服务指导中心 专家门诊', 1),
  ('56000000-0000-4000-8000-000000000005', '55000000-0000-4000-8000-000000000004', date_trunc('day', now()) + interval '7 days 9 hours',
   date_trunc('day', now()) + interval '7 days 10 hours', 'phone', '电话咨询', 2)
on conflict (id) do nothing;

-- 张女士 booked 刘护士长's first slot.
insert into public.consultation_bookings (id, slot_id, expert_id, region_code, user_id, status, question) values
  ('58000000-0000-4000-8000-000000000001', '56000000-0000-4000-8000-000000000001', '55000000-0000-4000-8000-000000000002',
   '370830000000', '00000000-0000-4000-8000-000000000011', 'confirmed', '宝宝18个月，夜里醒好几次，怎么调整作息？')
on conflict (id) do nothing;
update public.consultation_slots s
   set confirmed_count = (select count(*) from public.consultation_bookings b where b.slot_id = s.id and b.status in ('confirmed', 'attended', 'no_show'))
 where s.id::text like '56000000-%';
-- =============================================================================================
-- Families (issue 12): 张女士 (汶上) consented to the child notice, has 张小满 (20 months, a pending
-- request for 爱心's 托小班) and 张小禾 (placed in 爱心's 托大班, counted in its enrolled 18, with a
-- review); 李先生 (渝中) has 李一诺 (26 months, a visit booked at 解放碑). Ages are relative to today.
insert into public.guardian_consents (user_id, notice_version, purpose, granted_at)
select u, 'child-2026.1', 'child_information', now() - interval '10 days'
  from unnest(array['00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000012']::uuid[]) as u
 where not exists (select 1 from public.guardian_consents c where c.user_id = u);

insert into public.children (id, name, birth_date, sex, id_number, health_notes, has_health_record, created_by) values
  ('60000000-0000-4000-8000-000000000001', '张小满', (current_date - interval '20 months')::date, 'female',
   null, '对鸡蛋过敏', true, '00000000-0000-4000-8000-000000000011'),
  ('60000000-0000-4000-8000-000000000002', '张小禾', (current_date - interval '32 months')::date, 'male',
   '370830202301011234', null, true, '00000000-0000-4000-8000-000000000011'),
  ('60000000-0000-4000-8000-000000000003', '李一诺', (current_date - interval '26 months')::date, 'female',
   null, null, false, '00000000-0000-4000-8000-000000000012')
on conflict (id) do nothing;

insert into public.enrollment_requests (id, child_id, institution_id, county_code, kind, class_type, service, wished_start,
                                        visit_date, note, status, class_id, decided_at, requested_by, created_at) values
  ('61000000-0000-4000-8000-000000000001', '60000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
   '370830000000', 'place', 'toddler', 'full_day', date_trunc('month', current_date + interval '1 month')::date,
   null, '希望下个月入托，工作日全天', 'pending', null, null, '00000000-0000-4000-8000-000000000011', now() - interval '2 days'),
  ('61000000-0000-4000-8000-000000000002', '60000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
   '370830000000', 'place', 'older_toddler', 'full_day', date_trunc('month', current_date - interval '3 months')::date,
   null, null, 'placed', '20000000-0000-4000-8000-000000000003', now() - interval '100 days',
   '00000000-0000-4000-8000-000000000011', now() - interval '110 days'),
  ('61000000-0000-4000-8000-000000000003', '60000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000006',
   '500103000000', 'visit', null, null, null, current_date + 5, '想先看看环境', 'pending', null, null,
   '00000000-0000-4000-8000-000000000012', now() - interval '1 day')
on conflict (id) do nothing;

insert into public.placements (id, child_id, institution_id, class_id, request_id, county_code, service, started_on) values
  ('62000000-0000-4000-8000-000000000001', '60000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000001',
   '20000000-0000-4000-8000-000000000003', '61000000-0000-4000-8000-000000000002', '370830000000', 'full_day',
   date_trunc('month', current_date - interval '3 months')::date)
on conflict (id) do nothing;

insert into public.reviews (id, institution_id, child_id, author_id, author_label, county_code, review_year,
                            care, safety, meals, communication, fees, body, reply, replied_at, replied_by, created_at) values
  ('63000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', '60000000-0000-4000-8000-000000000002',
   '00000000-0000-4000-8000-000000000011', '张**', '370830000000', extract(year from now() at time zone 'Asia/Shanghai'),
   5, 5, 4, 5, 4, '老师很有耐心，每天都会发孩子在园的照片，饭菜也比较丰富。', '感谢张女士的信任，我们会继续努力！',
   now() - interval '5 days', '00000000-0000-4000-8000-000000000009', now() - interval '6 days')
on conflict (id) do nothing;

insert into public.notices (recipient_id, institution_id, kind, request_id, title, body, page, channel, delivery_status, sent_at, created_at)
select '00000000-0000-4000-8000-000000000011'::uuid, null::uuid, 'review_replied', null::uuid, '机构回复了您的评价',
       '感谢张女士的信任，我们会继续努力！', 'features/family/pages/reviews/index', 'wechat', 'sent', now() - interval '5 days', now() - interval '5 days'
 where not exists (select 1 from public.notices n where n.recipient_id = '00000000-0000-4000-8000-000000000011')
union all
select null, '10000000-0000-4000-8000-000000000001', 'request_received', '61000000-0000-4000-8000-000000000001', '新的入托申请',
       '托小班，孩子20个月，希望下个月入托', null, 'inbox', 'inbox', null, now() - interval '2 days'
 where not exists (select 1 from public.notices n where n.institution_id = '10000000-0000-4000-8000-000000000001');

-- The demo families also sign in with WeChat through the stand-in of `pnpm start`: the openids of
-- the codes dev:zhang and dev:li for the development app id (packages/wechat-stand-in devOpenid).
insert into public.wechat_identities (user_id, app_id, openid, phone, phone_verified_at) values
  ('00000000-0000-4000-8000-000000000011', 'wxdev0000tuoyu0000', 'oQlLH6UsJ_Ch8IxRc_DQiiMbP1Kc', '13805370011', now() - interval '10 days'),
  ('00000000-0000-4000-8000-000000000012', 'wxdev0000tuoyu0000', 'ooTtt-rz_fIGDkKWE_J9emsdOg4u', null, null)
on conflict (user_id) do nothing;
