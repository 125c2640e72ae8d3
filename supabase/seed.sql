-- Demo data for local development and tests (applied by `pnpm start` on first run,
-- `pnpm db:reset` and createTestDatabase({ seed: true })). This file holds the accounts, the registry
-- and filings; each feature's demo rows are in seeds/<NN>_<feature>.sql, applied after it in name
-- order (supabase/config.toml [db.seed] sql_paths).
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
  ('370830000000', 2024, 688000, 14800, '演示数据（按统计公报量级估算）', null),
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

