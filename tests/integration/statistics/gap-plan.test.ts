/**
 * Issue 15 §4 (缺口规划): the four gap-planner functions on hand-made data in 开封 (a city the demo
 * seed leaves empty), an empty county with zero population, the year dimension, the standard
 * institution size, who may call them, and the demo plan of 汶上 and 济宁.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { U, actAs, anon, refused } from '../filings/support.ts';
import { R } from '../../support/fixtures.ts';

let t: TestDatabase;
const CITY = '410200000000'; // 开封市: nothing in the seed
const COUNTY = '410205000000'; // 禹王台区: the hand-made data
const EMPTY = '410204000000'; // 鼓楼区: population 0, nothing else
let streets: string[];
let s1: string, s2: string, s3: string;
let emptyStreets: string[];
const ids = {
  a: 'a1540000-0000-4000-8000-000000000001', // s1, 普惠, 100 slots from 2022-01-01
  b: 'a1540000-0000-4000-8000-000000000002', // s2, not 普惠, 60 slots from 2022-01-01
};
const points = {
  r1: { lat: 34.705, lng: 114.4, hh: 200 }, // s1, ~556 m from A: inside a circle
  r2: { lat: 34.7, lng: 114.52, hh: 400 }, // s2, ~1.8 km from B
  r5: { lat: 34.7, lng: 114.535, hh: 100 }, // s2, ~1.4 km from r2
  r3: { lat: 34.75, lng: 114.6, hh: 500 }, // s3, far from everything
  r4: { lat: 34.753, lng: 114.6, hh: 300 }, // s3, ~333 m from r3
};
const B = { lat: 34.7, lng: 114.5 };

type Row = Record<string, unknown>;
const rows = (who: string | null, sql: string, params: unknown[]) => {
  const run = async (q: { query<T>(s: string, p?: unknown[]): Promise<{ rows: T[] }> }) => (await q.query<Row>(sql, params)).rows;
  return who === null ? anon(t.db, run) : actAs(t.db, who, run);
};
const regions = (who: string | null, code: string, year: number) => rows(who, `select * from public.gap_plan_regions($1, $2)`, [code, year]);
const streetsWithout = (who: string | null, code: string, year: number) => rows(who, `select * from public.gap_plan_streets($1, $2)`, [code, year]);
const uncovered = (who: string | null, code: string) => rows(who, `select * from public.gap_plan_uncovered_areas($1)`, [code]);
const candidates = (who: string | null, code: string, year: number, places?: number) =>
  places === undefined
    ? rows(who, `select * from public.gap_plan_candidates($1, $2)`, [code, year])
    : rows(who, `select * from public.gap_plan_candidates($1, $2, $3)`, [code, year, places]);

/** Great-circle distance in metres on earthdistance's sphere (radius 6,378,168 m). */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6378168 * Math.asin(Math.sqrt(h));
}

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  streets = (await t.db.query<{ code: string }>(`select code from public.regions where parent_code = $1 order by code`, [COUNTY])).rows.map((r) => r.code);
  [s1, s2, s3] = streets as [string, string, string];
  emptyStreets = (await t.db.query<{ code: string }>(`select code from public.regions where parent_code = $1 order by code`, [EMPTY])).rows.map((r) => r.code);
  await t.db.exec(`
    insert into public.institutions (id, name, type, ownership, operating_model, street_code, affordable, services, status, filing_no, filed_at) values
      ('${ids.a}', '规划测试甲托育园', 'center', 'public', 'community', '${s1}', true, '{full_day}', 'filed', 'T154001', '2022-01-01 10:00+08'),
      ('${ids.b}', '规划测试乙托育园', 'center', 'private', 'standalone', '${s2}', false, '{full_day}', 'filed', 'T154002', '2022-01-01 10:00+08');
    insert into public.institution_sites (institution_id, address, lat, lng) values
      ('${ids.a}', '规划测试甲地址1号', 34.700000, 114.400000),
      ('${ids.b}', '规划测试乙地址2号', ${B.lat}, ${B.lng});
    delete from public.institution_history where institution_id in ('${ids.a}', '${ids.b}');
    insert into public.institution_history (institution_id, street_code, county_code, valid_from, status, affordable, slots, cause) values
      ('${ids.a}', '${s1}', '${COUNTY}', '2022-01-01', 'filed', true, 100, 'filing_approved'),
      ('${ids.b}', '${s2}', '${COUNTY}', '2022-01-01', 'filed', false, 60, 'filing_approved');
    insert into public.region_populations (region_code, year, resident_population, source) values
      ('${COUNTY}', 2023, 40000, '测试'), ('${s1}', 2023, 10000, '测试'), ('${s2}', 2023, 20000, '测试'),
      ('${EMPTY}', 2023, 0, '测试');
    insert into public.region_targets (region_code, metric, year, value) values (null, 'slots_per_1000', 2025, 4.5)
    on conflict on constraint region_targets_unique do update set value = excluded.value;
    insert into public.residential_areas (street_code, name, lat, lng, households) values
      ('${s1}', '规划近甲小区', ${points.r1.lat}, ${points.r1.lng}, ${points.r1.hh}),
      ('${s2}', '规划乙东小区', ${points.r2.lat}, ${points.r2.lng}, ${points.r2.hh}),
      ('${s2}', '规划乙远村', ${points.r5.lat}, ${points.r5.lng}, ${points.r5.hh}),
      ('${s3}', '规划丙南村', ${points.r3.lat}, ${points.r3.lng}, ${points.r3.hh}),
      ('${s3}', '规划丙北村', ${points.r4.lat}, ${points.r4.lng}, ${points.r4.hh});
  `);
});
afterAll(async () => {
  await t?.drop();
});

describe('gap_plan_regions: slots lacking per sub-region', () => {
  it('the county first, then its streets by gap: ⌈target × population ÷ 1000⌉ − slots, never below 0', async () => {
    const r = await regions(U.wenshang, COUNTY, 2023);
    // 禹王台区: ⌈4.5 × 40000 ÷ 1000⌉ − 160 = 20
    expect(r[0]).toMatchObject({ code: COUNTY, is_total: true, population: 40000, slots: 160, slots_lacking: 20 });
    expect(Number(r[0]!.slots_per_1000)).toBe(4);
    expect(Number(r[0]!.slots_per_1000_target)).toBe(4.5);
    const sub = r.slice(1);
    expect(sub.map((x) => x.code).sort()).toEqual(streets);
    // s2: ⌈90⌉ − 60 = 30; s1: 100 ≥ 45 → 0; s3 and the others: no population → null, listed last
    expect(sub[0]).toMatchObject({ code: s2, slots: 60, slots_lacking: 30, is_total: false });
    expect(sub[1]).toMatchObject({ code: s1, slots: 100, slots_lacking: 0 });
    expect(sub.find((x) => x.code === s3)).toMatchObject({ population: null, slots: 0, slots_lacking: null, slots_per_1000: null });
  });

  it('a city lists its counties; zero population and empty regions give null, not an error', async () => {
    const r = await regions(null, CITY, 2023);
    expect(r[0]).toMatchObject({ code: CITY, is_total: true, population: null, slots: 160, slots_lacking: null });
    expect(r.find((x) => x.code === COUNTY)).toMatchObject({ slots_lacking: 20 });
    expect(r.find((x) => x.code === EMPTY)).toMatchObject({ population: 0, slots: 0, slots_per_1000: null, slots_lacking: null });
    const e = await regions(null, EMPTY, 2023);
    expect(e[0]).toMatchObject({ is_total: true, slots_lacking: null, service_circle_coverage: null });
    // a street has no sub-regions: its own row only
    expect((await regions(null, s1, 2023)).map((x) => x.code)).toEqual([s1]);
  });
});

describe('gap_plan_streets: streets without a filed 普惠 institution', () => {
  it('at the end of the year, with their institutions, slots and residential points', async () => {
    const r = await streetsWithout(U.wenshang, COUNTY, 2023);
    expect(r.map((x) => x.street_code)).toEqual(streets.filter((s) => s !== s1));
    expect(r.find((x) => x.street_code === s2)).toMatchObject({ population: 20000, institutions: 1, slots: 60, residential_points: 2, residential_points_covered: 0 });
    expect(r.find((x) => x.street_code === s3)).toMatchObject({ population: null, institutions: 0, slots: 0, residential_points: 2 });
    // before 甲 was filed, s1 had none either
    expect((await streetsWithout(U.wenshang, COUNTY, 2021)).map((x) => x.street_code)).toEqual(streets);
    // the empty county: every street
    expect((await streetsWithout(null, EMPTY, 2023)).map((x) => x.street_code)).toEqual(emptyStreets);
  });
});

describe('gap_plan_uncovered_areas: residential points outside every 15-minute circle', () => {
  it('lists them farthest first with the nearest filed institution and its distance', async () => {
    const r = await uncovered(U.wenshang, COUNTY);
    expect(r.map((x) => x.name)).toEqual(['规划丙南村', '规划丙北村', '规划乙东小区', '规划乙远村'].sort((a, b) => {
      const d = (n: string) => metres({ 规划丙南村: points.r3, 规划丙北村: points.r4, 规划乙东小区: points.r2, 规划乙远村: points.r5 }[n]!, B);
      return d(b) - d(a);
    }));
    const east = r.find((x) => x.name === '规划乙东小区')!;
    expect(east).toMatchObject({ street_code: s2, county_code: COUNTY, nearest_institution_id: ids.b, nearest_institution_name: '规划测试乙托育园', households: 400 });
    expect(Math.abs((east.nearest_distance_m as number) - metres(points.r2, B))).toBeLessThanOrEqual(2);
    expect(Number(east.lat)).toBe(points.r2.lat);
    // 规划近甲小区 is inside 甲's circle; the empty county has no points
    expect(r.some((x) => x.name === '规划近甲小区')).toBe(false);
    expect(await uncovered(null, EMPTY)).toEqual([]);
  });
});

describe('gap_plan_candidates: where a standard 普惠 institution raises the figures most', () => {
  it('ranks the street gaining its first 普惠 institution and covering most points first, with the figures it would reach', async () => {
    const r = await candidates(U.wenshang, COUNTY, 2023);
    expect(r).toHaveLength(streets.length);
    expect(r.map((x) => x.rank)).toEqual(streets.map((_, i) => i + 1));
    const n = streets.length;
    const pct = (x: number) => Math.round(x * 10000) / 100;
    // 1. s3: no 普惠 yet; a site at 规划丙南村 covers it and 规划丙北村 (2 points, 800 households)
    expect(r[0]).toMatchObject({
      street_code: s3, sub_code: s3, added_slots: 100, gains_affordable: true, site_name: '规划丙南村',
      points_newly_covered: 2, households_newly_covered: 800, sub_slots_lacking: null, sub_slots_per_1000_after: null,
    });
    // county: (160 + 100) ÷ 40000 × 1000 = 6.5; 普惠 (100 + 100) ÷ 260 = 76.92%; streets 1 → 2 of n; points 1 → 3 of 5
    expect(Number(r[0]!.slots_per_1000)).toBe(4);
    expect(Number(r[0]!.slots_per_1000_after)).toBe(6.5);
    expect(Number(r[0]!.affordable_share)).toBe(62.5);
    expect(Number(r[0]!.affordable_share_after)).toBe(76.92);
    expect(Number(r[0]!.street_coverage)).toBe(pct(1 / n));
    expect(Number(r[0]!.street_coverage_after)).toBe(pct(2 / n));
    expect(Number(r[0]!.service_circle_coverage)).toBe(20);
    expect(Number(r[0]!.service_circle_coverage_after)).toBe(60);
    // 2. s2: no 普惠 (乙 is not); one point (the two are 1.4 km apart; the larger wins the tie); street 60 → 160 of 20000
    expect(r[1]).toMatchObject({ street_code: s2, gains_affordable: true, site_name: '规划乙东小区', points_newly_covered: 1, households_newly_covered: 400, sub_slots_lacking: 30 });
    expect(Number(r[1]!.sub_slots_per_1000)).toBe(3);
    expect(Number(r[1]!.sub_slots_per_1000_after)).toBe(8);
    expect(Number(r[1]!.service_circle_coverage_after)).toBe(40);
    // last: s1 already has 普惠 and every point covered; no site, only the slots rise (100 + 100 of 10000)
    expect(r[n - 1]).toMatchObject({ street_code: s1, gains_affordable: false, site_area_id: null, site_name: null, points_newly_covered: 0, sub_slots_lacking: 0 });
    expect(Number(r[n - 1]!.sub_slots_per_1000_after)).toBe(20);
    expect(Number(r[n - 1]!.street_coverage_after)).toBe(pct(1 / n));
    expect(Number(r[n - 1]!.service_circle_coverage_after)).toBe(20);
  });

  it('the standard size is a parameter (1–1000); a city ranks across its counties with the county as sub-region', async () => {
    const r = await candidates(null, COUNTY, 2023, 40);
    expect(r[0]).toMatchObject({ street_code: s3, added_slots: 40 });
    expect(Number(r[0]!.slots_per_1000_after)).toBe(5); // (160 + 40) ÷ 40000 × 1000
    await refused(candidates(null, COUNTY, 2023, 0), '22023', /托位数无效/);
    await refused(candidates(null, COUNTY, 2023, 1001), '22023', /托位数无效/);

    const city = await candidates(U.wenshang, CITY, 2023);
    expect(city[0]).toMatchObject({ street_code: s3, sub_code: COUNTY, sub_slots_lacking: 20, county_code: COUNTY });
    expect(Number(city[0]!.sub_slots_per_1000_after)).toBe(6.5);
    expect(city[0]!.slots_per_1000_after).toBeNull(); // 开封 has no population
    expect(city[1]).toMatchObject({ street_code: s2 });
  });

  it('an empty county: every street gains, nothing to cover, null where the denominators are 0', async () => {
    const r = await candidates(null, EMPTY, 2023);
    expect(r).toHaveLength(emptyStreets.length);
    expect(r[0]).toMatchObject({
      gains_affordable: true, points_newly_covered: 0, site_name: null,
      slots_per_1000: null, slots_per_1000_after: null, affordable_share: null, service_circle_coverage: null, service_circle_coverage_after: null,
    });
    expect(Number(r[0]!.affordable_share_after)).toBe(100);
    expect(Number(r[0]!.street_coverage_after)).toBe(Math.round((1 / emptyStreets.length) * 10000) / 100);
  });
});

describe('who may plan', () => {
  it('public figures: anon, families, operators and admins of other regions read the same plan', async () => {
    const mine = await candidates(U.wenshang, COUNTY, 2023);
    for (const who of [null, U.familyZhang, U.opWenshang, U.province]) {
      expect(await candidates(who, COUNTY, 2023)).toEqual(mine);
      expect((await regions(who, COUNTY, 2023))[0]).toMatchObject({ slots_lacking: 20 });
    }
  });

  it('the helpers stay private; bad input is refused in Chinese', async () => {
    await refused(anon(t.db, (q) => q.query(`select * from private.gap_plan_uncovered($1)`, [COUNTY])), '42501', /permission denied/);
    await refused(actAs(t.db, U.wenshang, (q) => q.query(`select * from private.gap_plan_street_figures($1, current_date, 2023)`, [COUNTY])), '42501', /permission denied/);
    await refused(regions(null, '419999999000', 2023), 'P0002', /区划不存在/);
    await refused(streetsWithout(null, COUNTY, 1900), '22023', /年度无效/);
    await refused(uncovered(null, '419999999000'), 'P0002', /区划不存在/);
  });

  it('the 缺口规划 menu: province, city and county admins only', async () => {
    const perms = async (who: string) => (await actAs(t.db, who, (q) => q.query<{ p: { permissions: string[] } }>(`select public.get_my_permissions() as p`))).rows[0]!.p.permissions;
    for (const who of [U.wenshang, U.jining, U.province]) expect(await perms(who)).toContain('stats.gap_plan');
    for (const who of [U.opWenshang, U.familyZhang]) expect(await perms(who)).not.toContain('stats.gap_plan');
  });
});

describe('the demo plan (seeds/74_planner.sql)', () => {
  it('汶上县 and 济宁市: streets without 普惠, points outside every circle, streets short of slots, a ranked list', async () => {
    const year = new Date().getFullYear();
    const ws = await streetsWithout(U.wenshang, R.wenshang, year);
    expect(ws.map((x) => x.street_name)).toEqual(expect.arrayContaining(['白石镇', '军屯乡']));
    expect((await uncovered(U.wenshang, R.wenshang)).length).toBeGreaterThan(0);
    const gaps = (await regions(U.wenshang, R.wenshang, year)).filter((x) => !x.is_total && (x.slots_lacking as number) > 0);
    expect(gaps.map((x) => x.region_name)).toContain('中都街道');
    const ranked = await candidates(U.wenshang, R.wenshang, year);
    expect(ranked[0]).toMatchObject({ gains_affordable: true });
    expect(['白石镇', '军屯乡']).toContain(ranked[0]!.street_name);
    const city = await streetsWithout(U.jining, R.jining, year);
    expect(city.map((x) => x.street_name)).toEqual(expect.arrayContaining(['白石镇', '军屯乡', '两城镇']));
    expect((await candidates(U.jining, R.jining, year)).length).toBeGreaterThan(100);
  });
});
