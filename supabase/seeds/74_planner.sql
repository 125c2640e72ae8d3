-- Demo data of the gap planner (缺口规划, issue 15 §4). Applied after 40_figures.sql.
--   * street populations of 汶上县 (2024, adding up to the county's 688,000), so each street's
--     slot gap can be computed — 中都街道 and 汶上街道 fall short of 4.5 per 1,000;
--   * three streets lose their 普惠 institutions on 2025-06-30 (the agreements were not renewed):
--     汶上县 军屯乡 and 白石镇, 微山县 两城镇 — the plan lists them as streets without 普惠 from 2025
--     on. The figures of 2023 that seed-figures.test.ts asserts are untouched.
-- Residential points outside every 15-minute circle already come from 40_figures.sql.

insert into public.region_populations (region_code, year, resident_population, source) values
  ('370830001000', 2024, 78000, '演示数据（街道人口估算）'),
  ('370830002000', 2024, 72000, '演示数据（街道人口估算）'),
  ('370830003000', 2024, 60000, '演示数据（街道人口估算）'),
  ('370830102000', 2024, 40000, '演示数据（街道人口估算）'),
  ('370830103000', 2024, 42000, '演示数据（街道人口估算）'),
  ('370830104000', 2024, 41000, '演示数据（街道人口估算）'),
  ('370830105000', 2024, 45000, '演示数据（街道人口估算）'),
  ('370830106000', 2024, 43000, '演示数据（街道人口估算）'),
  ('370830107000', 2024, 44000, '演示数据（街道人口估算）'),
  ('370830108000', 2024, 45000, '演示数据（街道人口估算）'),
  ('370830109000', 2024, 46000, '演示数据（街道人口估算）'),
  ('370830110000', 2024, 38000, '演示数据（街道人口估算）'),
  ('370830111000', 2024, 39000, '演示数据（街道人口估算）'),
  ('370830112000', 2024, 28000, '演示数据（街道人口估算）'),
  ('370830205000', 2024, 27000, '演示数据（街道人口估算）')
on conflict (region_code, year) do nothing;

-- 普惠 withdrawn as the county would through designate_affordable(): a designation row, the flag,
-- and (by the trigger) the timeline from the designation date.
do $$
declare
  i record;
begin
  for i in select x.id, x.county_code, r.name as county_name
             from public.institutions x join public.regions r on r.code = x.county_code
            where x.street_code in ('370830205000', '370830110000', '370826107000')
              and x.status = 'filed' and x.affordable and x.id::text like 'f1500000-%'
            order by x.id loop
    insert into public.affordable_designations (institution_id, county_code, affordable, designated_on, basis, designated_by)
    values (i.id, i.county_code, false, '2025-06-30', i.county_name || '卫生健康局：普惠托育服务协议到期未续签，取消普惠认定（演示）', null);
    perform set_config('tuoyu.affordable_designation', 'on', true);
    perform set_config('tuoyu.designated_on', '2025-06-30', true);
    update public.institutions set affordable = false where id = i.id;
    perform set_config('tuoyu.affordable_designation', '', true);
    perform set_config('tuoyu.designated_on', '', true);
  end loop;
end;
$$;
