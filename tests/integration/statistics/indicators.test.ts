/**
 * Issue 15 §1–2: every indicator of region_indicators() on hand-made data (a 河南 county the demo
 * seed leaves empty), empty regions and division by zero, who reads which figures, target
 * inheritance, and the history the registry writes (filing approval, class capacity, 普惠认定).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { ALL_OK, U, actAs, anon, createUser, refused, rpc, submittedFiling } from '../filings/support.ts';

let t: TestDatabase;
let county: string; // hand-made data
let emptyCounty: string; // nothing at all
let streets: string[];
let henan: string; // a 河南 province admin
const ids = {
  a: 'a1500000-0000-4000-8000-000000000001', // street 1, 普惠, 100 slots from 2022-03-01, 150 from 2023-06-01
  b: 'a1500000-0000-4000-8000-000000000002', // street 2, 50 slots from 2023-02-01, cancelled 2023-10-01
  c: 'a1500000-0000-4000-8000-000000000003', // street 1, 普惠, 30 slots from 2021-05-01
};

type Row = Record<string, unknown>;
const indicators = (who: string | null, code: string, year: number) =>
  rpc<Row>(t.db, who, `select * from public.region_indicators($1, $2)`, [code, year]);

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  const counties = (await t.db.query<{ code: string }>(
    `select r.code from public.regions r
      where r.level = 'county' and r.province_code = '410000000000' and r.code <> '410105000000'
        and (select count(*) from public.regions s where s.parent_code = r.code) >= 3
      order by r.code limit 2`)).rows;
  county = counties[0]!.code;
  emptyCounty = counties[1]!.code;
  streets = (await t.db.query<{ code: string }>(`select code from public.regions where parent_code = $1 order by code`, [county])).rows.map((r) => r.code);
  const [s1, s2] = streets;
  henan = await createUser(t.db, '河南省卫健委 测试');
  await t.db.query(`insert into public.staff_scopes (user_id, region_code, role) values ($1, '410000000000', 'province_admin')`, [henan]);
  await t.db.exec(`
    insert into public.institutions (id, name, type, ownership, operating_model, street_code, affordable, services, status, filing_no, filed_at) values
      ('${ids.a}', '指标测试甲托育园', 'center', 'public', 'community', '${s1}', true, '{full_day}', 'filed', 'T150001', '2022-03-01 10:00+08'),
      ('${ids.b}', '指标测试乙托育园', 'center', 'private', 'standalone', '${s2}', false, '{full_day}', 'cancelled', 'T150002', '2023-02-01 10:00+08'),
      ('${ids.c}', '指标测试丙托育园', 'center', 'public', 'kindergarten_class', '${s1}', true, '{full_day}', 'filed', 'T150003', '2021-05-01 10:00+08');
    insert into public.institution_sites (institution_id, address, lat, lng) values
      ('${ids.a}', '指标测试甲地址1号', 34.750000, 113.600000),
      ('${ids.b}', '指标测试乙地址2号', 34.760000, 113.610000),
      ('${ids.c}', '指标测试丙地址3号', 34.700000, 113.500000);
    insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, enrolled, carers) values
      ('${ids.a}', '托大一班', 'older_toddler', 24, 36, 20, 15, 3),
      ('${ids.c}', '托小一班', 'toddler', 12, 24, 15, 5, 3);
    insert into public.staff (institution_id, name, role, certificate_type, certificate_no) values
      ('${ids.a}', '甲一', 'carer', 'nursery_carer', 'X1'),
      ('${ids.a}', '甲二', 'teacher', 'kindergarten_teacher', 'X2'),
      ('${ids.a}', '甲三', 'carer', null, null),
      ('${ids.a}', '甲四', 'cook', null, null),
      ('${ids.b}', '乙一', 'carer', null, null);
    -- the timeline as it happened (replacing what the triggers wrote today)
    delete from public.institution_history where institution_id in ('${ids.a}', '${ids.b}', '${ids.c}');
    insert into public.institution_history (institution_id, street_code, county_code, valid_from, valid_to, status, affordable, slots, cause) values
      ('${ids.a}', '${s1}', '${county}', '2022-03-01', '2023-06-01', 'filed', true, 100, 'filing_approved'),
      ('${ids.a}', '${s1}', '${county}', '2023-06-01', null, 'filed', true, 150, 'class_change'),
      ('${ids.b}', '${s2}', '${county}', '2023-02-01', '2023-10-01', 'filed', false, 50, 'filing_approved'),
      ('${ids.b}', '${s2}', '${county}', '2023-10-01', null, 'cancelled', false, 50, 'status_change'),
      ('${ids.c}', '${s1}', '${county}', '2021-05-01', null, 'filed', true, 30, 'filing_approved');
    insert into public.region_populations (region_code, year, resident_population, under3_population, source) values
      ('${county}', 2022, 190000, null, '测试'), ('${county}', 2023, 200000, 4000, '测试'), ('${emptyCounty}', 2023, 0, null, '测试');
    insert into public.region_targets (region_code, metric, year, value) values
      (null, 'slots_per_1000', 2025, 4.5), (null, 'certified_staff_rate', 2025, 90),
      ('410000000000', 'slots_per_1000', 2025, 0.8),
      ('${county}', 'annual_new_slots', 2023, 40), ('${county}', 'affordable_institutions', 2023, 3),
      ('${county}', 'affordable_share', 2022, 50)
    on conflict on constraint region_targets_unique do update set value = excluded.value;
    delete from public.region_targets where region_code = '410000000000' and metric <> 'slots_per_1000';
    insert into public.residential_areas (street_code, name, lat, lng) values
      ('${s1}', '近甲小区', 34.755000, 113.600000), ('${s1}', '远处村', 34.900000, 113.900000);
  `);
});
afterAll(async () => {
  await t?.drop();
});

describe('region_indicators: each formula on hand-made data', () => {
  it('slots at the end of the year, new slots and task completion from the history', async () => {
    const y23 = await indicators(henan, county, 2023);
    expect(y23).toMatchObject({
      code: county, for_year: 2023, full_access: true,
      population: 200000, population_year: 2023, under3_population: 4000,
      institutions: 2, affordable_institutions: 2, slots: 180, affordable_slots: 180, slots_prev_year: 130, new_slots: 50,
    });
    // 180 ÷ 200000 × 1000 = 0.9; 普惠 180 ÷ 180; 50 ÷ 40 = 125%
    expect(Number(y23.slots_per_1000)).toBe(0.9);
    expect(Number(y23.affordable_share)).toBe(100);
    expect(Number(y23.annual_task)).toBe(40);
    expect(Number(y23.task_completion)).toBe(125);
    expect(y23.task_met).toBe(true);
    expect(Number(y23.affordable_institutions_target)).toBe(3);
    expect(y23.affordable_institutions_met).toBe(false);

    const y22 = await indicators(henan, county, 2022);
    // end of 2022: 甲 100 + 丙 30; 2022 population; no 2022 task → null completion
    expect(y22).toMatchObject({ institutions: 2, slots: 130, slots_prev_year: 30, new_slots: 100, population: 190000, annual_task: null, task_completion: null, task_met: null });
    expect(Number(y22.slots_per_1000)).toBe(0.68);

    const mid = await indicators(henan, county, 2021);
    expect(mid).toMatchObject({ slots: 30, new_slots: 30, population: 190000, population_year: 2022 });
  });

  it('street coverage, 15-minute coverage, certified staff, utilization (labelled) and health records', async () => {
    const y = await indicators(henan, county, 2023);
    expect(y.streets).toBe(streets.length);
    expect(y.streets_covered).toBe(1);
    expect(Number(y.street_coverage)).toBe(Math.round((1 / streets.length) * 10000) / 100);
    // 近甲小区 is ~560 m from 甲; 远处村 is far from everything
    expect(y).toMatchObject({ residential_points: 2, residential_points_covered: 1 });
    expect(Number(y.service_circle_coverage)).toBe(50);
    // carers and teachers of filed institutions: 甲一 ✓, 甲二 ✓, 甲三 ✗ (cook and cancelled 乙 do not count)
    expect(y).toMatchObject({ care_staff: 3, certified_staff: 2 });
    expect(Number(y.certified_staff_rate)).toBe(66.67);
    // no placements here: declared enrolment 20 of 35 current slots
    expect(y.utilization_source).toBe('declared');
    expect(y.enrolled).toBe(20);
    expect(Number(y.utilization_rate)).toBe(57.14);
    expect(y).toMatchObject({ children_placed: 0, health_record_rate: null });
  });

  it('targets: the nearest region wins, national defaults are inherited, met is figure ≥ target', async () => {
    const y = await indicators(henan, county, 2023);
    // 河南 overrides the national 4.5 with 0.8; 0.9 ≥ 0.8
    expect(Number(y.slots_per_1000_target)).toBe(0.8);
    expect(y.slots_per_1000_met).toBe(true);
    // national certified-staff default 90 (nobody below set one); 66.67 < 90
    expect(Number(y.certified_staff_rate_target)).toBe(90);
    expect(y.certified_staff_rate_met).toBe(false);
    // the county's 2022 affordable-share target still applies in 2023 (latest earlier year)
    expect(Number(y.affordable_share_target)).toBe(50);
    expect(y.affordable_share_met).toBe(true);
    expect((y.target_sources as Record<string, { region_code: string | null }>).certified_staff_rate!.region_code).toBeNull();
    // a count target is the region's own: the street below has none
    const street = await indicators(henan, streets[0]!, 2023);
    expect(street).toMatchObject({ annual_task: null, affordable_institutions_target: null, streets: 1, streets_covered: 1, slots: 180 });
    expect(Number(street.slots_per_1000_target)).toBe(0.8);
  });

  it('an empty region and zero population answer nulls, not errors', async () => {
    const y = await indicators(henan, emptyCounty, 2023);
    expect(y).toMatchObject({
      population: 0, institutions: 0, slots: 0, affordable_slots: 0, new_slots: 0, streets_covered: 0,
      slots_per_1000: null, affordable_share: null, task_completion: null, service_circle_coverage: null,
      care_staff: 0, certified_staff_rate: null, utilization_rate: null, health_record_rate: null,
      slots_per_1000_met: null, affordable_share_met: null,
    });
    const street = (await t.db.query<{ code: string }>(`select code from public.regions where parent_code = $1 limit 1`, [emptyCounty])).rows[0]!.code;
    const st = await indicators(henan, street, 2023);
    expect(st).toMatchObject({ population: null, slots_per_1000: null, streets: 1, streets_covered: 0 });
    expect(Number(st.street_coverage)).toBe(0);
  });

  it('sub_regions: one row per street, summing to the county', async () => {
    const rows = (await actAs(t.db, henan, (q) => q.query<Row>(`select * from public.region_indicators($1, 2023, true)`, [county]))).rows;
    expect(rows.map((r) => r.code)).toEqual(streets);
    expect(rows.reduce((n, r) => n + (r.slots as number), 0)).toBe(180);
  });

  it('bad input is refused in Chinese', async () => {
    await refused(indicators(henan, '419999999000', 2023), 'P0002', /区划不存在/);
    await refused(indicators(henan, county, 1900), '22023', /年度无效/);
  });
});

describe('region_indicators: who reads which figures', () => {
  it('anon and admins outside the region get the public figures only', async () => {
    for (const who of [null, U.province, U.wenshang, U.opWenshang, U.familyZhang]) {
      const y = await indicators(who, county, 2023);
      expect(y).toMatchObject({ full_access: false, slots: 180, institutions: 2, certified_staff_rate: null, care_staff: null, enrolled: null, utilization_rate: null, health_record_rate: null });
      expect(Number(y.slots_per_1000)).toBe(0.9);
    }
  });

  it('the county, city and province admins of the region get everything', async () => {
    for (const who of [U.wenshang, U.jining, U.province]) {
      const y = await indicators(who, '370830000000', 2026);
      expect(y.full_access).toBe(true);
      expect(y.care_staff).not.toBeNull();
    }
    // 济宁 city admin cannot read 任城 staff figures of another city's county? (任城 is 济宁's) — but not 济南's
    expect((await indicators(U.jining, '370102000000', 2026)).full_access).toBe(false);
  });
});

describe('history written by the registry', () => {
  it('filing approval opens the timeline; a class capacity change adds a row today', async () => {
    const inst = await submittedFiling(t.db, '汶上县历史测试托育园');
    await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [inst.filing.id]);
    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [inst.filing.id, JSON.stringify(ALL_OK)]);
    const history = async () => (await t.db.query<{ status: string; slots: number; cause: string; valid_to: string | null; filing_id: string | null }>(
      `select status, slots, cause, valid_to, filing_id from public.institution_history where institution_id = $1 order by valid_from`, [inst.institutionId])).rows;
    expect(await history()).toEqual([{ status: 'filed', slots: 15, cause: 'filing_approved', valid_to: null, filing_id: inst.filing.id }]);
    // same day: the row is updated in place (one row per day). A filed institution's capacity changes
    // through a change filing (the operator's direct write is refused — oversight/accounts tests);
    // here the database owner corrects it, as an import would.
    await t.db.query(`update public.classes set capacity = 12 where institution_id = $1`, [inst.institutionId]);
    expect(await history()).toEqual([{ status: 'filed', slots: 12, cause: 'class_change', valid_to: null, filing_id: inst.filing.id }]);
  });

  it('普惠 is designated by the county with a date and basis; operators and other counties are refused', async () => {
    const inst = await submittedFiling(t.db, '汶上县认定测试托育园');
    await rpc(t.db, U.wenshang, `select * from public.start_filing_review($1)`, [inst.filing.id]);
    await rpc(t.db, U.wenshang, `select * from public.approve_filing($1, $2)`, [inst.filing.id, JSON.stringify(ALL_OK)]);
    const designate = (who: string, affordable: boolean, basis = '汶卫发〔2026〕12号') =>
      rpc(t.db, who, `select * from public.designate_affordable($1, $2, (now() at time zone 'Asia/Shanghai')::date, $3)`, [inst.institutionId, affordable, basis]);
    await refused(designate(inst.ownerId, false), 'P0002', /机构不存在/);
    await refused(designate(U.rencheng, false), 'P0002', /机构不存在/);
    await refused(designate(U.jining, false), 'P0002', /机构不存在/);
    await refused(designate(U.wenshang, false, ' '), '22023', /认定依据/);
    await refused(anon(t.db, (q) => q.query(`select * from public.designate_affordable($1, false, current_date, 'x号文件')`, [inst.institutionId])), '42501', /permission denied/);
    const row = await designate(U.wenshang, false);
    expect(row).toMatchObject({ affordable: false, basis: '汶卫发〔2026〕12号', designated_by: U.wenshang });
    const h = (await t.db.query<{ affordable: boolean; cause: string }>(
      `select affordable, cause from public.institution_history where institution_id = $1 and valid_to is null`, [inst.institutionId])).rows;
    expect(h).toEqual([{ affordable: false, cause: 'affordable_designation' }]);
    // the operator reads the designation of their institution; another county does not
    const mine = await actAs(t.db, inst.ownerId, (q) => q.query(`select basis from public.affordable_designations where institution_id = $1`, [inst.institutionId]));
    expect(mine.rows).toEqual([{ basis: '汶卫发〔2026〕12号' }]);
    const other = await actAs(t.db, U.rencheng, (q) => q.query(`select basis from public.affordable_designations where institution_id = $1`, [inst.institutionId]));
    expect(other.rows).toEqual([]);
  });
});
