-- Demo data of the family features (issue 12). Applied after ../seed.sql, 10_oversight.sql, 20_content.sql.
-- =============================================================================================
-- Families (issue 12): 张女士 (汶上) consented to the child notice, has 张小满 (20 months, a pending
-- request for 爱心's 托小班) and 张小禾 (placed in 爱心's 托大班, counted in its enrolled 18, with a
-- review); 李先生 (渝中) has 李一诺 (26 months, a visit booked at 解放碑). Ages are relative to today.
insert into public.guardian_consents (user_id, notice_version, purpose, granted_at)
select u, 'child-2026.1', 'child_information', now() - interval '10 days'
  from unnest(array['00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000012']::uuid[]) as u
 where not exists (select 1 from public.guardian_consents c where c.user_id = u);

-- 参观日期: 爱心 offers visits in 3 and 10 days, 解放碑 in 5 days (李一诺's visit below takes one of its places).
insert into public.visit_slots (institution_id, visit_on, time_label, capacity, note, created_by) values
  ('10000000-0000-4000-8000-000000000001', current_date + 3, '上午 9:30–10:30', 5, '请提前10分钟到前台登记', '00000000-0000-4000-8000-000000000009'),
  ('10000000-0000-4000-8000-000000000001', current_date + 10, '下午 15:00–16:00', 5, null, '00000000-0000-4000-8000-000000000009'),
  ('10000000-0000-4000-8000-000000000006', current_date + 5, '上午 10:00–11:00', 3, null, null)
on conflict (institution_id, visit_on) do nothing;

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
select '00000000-0000-4000-8000-000000000011'::uuid, null::uuid, 'review_replied'::public.notice_kind, null::uuid, '机构回复了您的评价',
       '感谢张女士的信任，我们会继续努力！', 'features/family/pages/reviews/index', 'wechat'::public.notice_channel,
       'sent'::public.notice_delivery_status, now() - interval '5 days', now() - interval '5 days'
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
