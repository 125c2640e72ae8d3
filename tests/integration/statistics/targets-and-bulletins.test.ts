/**
 * Issue 15 (人口与目标, 通报): who may edit a region's population and targets (the region itself and
 * the levels above; siblings and lower levels are refused), the checks on the values, the audit
 * trail, and region_indicators_at() — the figures on any day with the same formulas as the year's.
 * On both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { errorMessage, TARGET_CHECK_MESSAGES } from '@tuoyu/domain';
import { R } from '../../support/fixtures.ts';
import { denied, run, type PersonaName } from '../../rls/personas.ts';
import { U, actAs, refused, rpc } from '../filings/support.ts';

let t: TestDatabase;
type Row = Record<string, unknown>;

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const EDITORS: PersonaName[] = ['province', 'jining', 'jinan', 'wenshang', 'rencheng', 'yuzhong', 'inspector', 'community', 'opWenshang', 'familyZhang', 'anon'];

/** The personas for whom `sql` (run in a rolled-back transaction) changed a row. */
async function allowedFor(sql: string, params: unknown[] = []): Promise<PersonaName[]> {
  const allowed: PersonaName[] = [];
  for (const who of EDITORS) if (!denied(await run(t.db, who, sql, params))) allowed.push(who);
  return allowed;
}

const setTarget = (region: string, metric: string, value: number) =>
  `insert into public.region_targets (region_code, metric, year, value, note) values ('${region}', '${metric}', 2026, ${value}, '测试')
   on conflict on constraint region_targets_unique do update set value = excluded.value returning id`;
const setPopulation = (region: string) =>
  `insert into public.region_populations (region_code, year, resident_population, under3_population, source) values ('${region}', 2026, 700000, 12000, '测试')
   on conflict (region_code, year) do update set resident_population = excluded.resident_population returning region_code`;

describe('editing targets and population: the region itself and the levels above', () => {
  it('a county target: 汶上 itself, 济宁 and 山东 may; the sibling 任城, another city and non-admins may not', async () => {
    expect(await allowedFor(setTarget(R.wenshang, 'slots_per_1000', 5))).toEqual(['province', 'jining', 'wenshang']);
  });

  it('a city target: 济宁 itself and 山东 may; its counties (lower) may not', async () => {
    expect(await allowedFor(setTarget(R.jining, 'affordable_share', 65))).toEqual(['province', 'jining']);
    expect(await allowedFor(`update public.region_targets set value = 4.6 where region_code = '${R.jining}' and metric = 'slots_per_1000'`))
      .toEqual(['province', 'jining']);
  });

  it('a street target: its county and the levels above may', async () => {
    expect(await allowedFor(setTarget(R.zhongduStreet, 'affordable_share', 70))).toEqual(['province', 'jining', 'wenshang']);
  });

  it('clearing a county’s own target (to inherit again): the same people', async () => {
    const cleared = `delete from public.region_targets where region_code = '${R.wenshang}' and metric = 'annual_new_slots' and year = 2023 returning id`;
    expect(await allowedFor(cleared)).toEqual(['province', 'jining', 'wenshang']);
  });

  it('national defaults (region null) are written by nobody through the API', async () => {
    expect(await allowedFor(`update public.region_targets set value = 4 where region_code is null and metric = 'slots_per_1000'`)).toEqual([]);
  });

  it('population: the region itself and the levels above; siblings and lower levels are refused', async () => {
    expect(await allowedFor(setPopulation(R.wenshang))).toEqual(['province', 'jining', 'wenshang']);
    expect(await allowedFor(setPopulation(R.jining))).toEqual(['province', 'jining']);
    expect(await allowedFor(`delete from public.region_populations where region_code = '${R.rencheng}' returning region_code`))
      .toEqual(['province', 'jining', 'rencheng']);
  });
});

describe('values are checked by the database', () => {
  const write = (sql: string) => run(t.db, 'jining', sql);

  it('济南’s 300 普惠机构 and a 4.5 per 1,000 target are stored', async () => {
    const rows = await t.db.query<Row>(`select value from public.region_targets where region_code = '370100000000' and metric = 'affordable_institutions'`);
    expect(Number(rows.rows[0]?.value)).toBe(300);
    expect((await write(setTarget(R.wenshang, 'slots_per_1000', 4.5))).error).toBeUndefined();
  });

  it('a share above 100, a negative value or a fractional count is refused (23514)', async () => {
    for (const sql of [
      setTarget(R.wenshang, 'affordable_share', 120),
      setTarget(R.wenshang, 'slots_per_1000', -1),
      setTarget(R.wenshang, 'annual_new_slots', 12.5),
      setTarget(R.wenshang, 'affordable_institutions', 0.5),
      `insert into public.region_populations (region_code, year, resident_population, source) values ('${R.wenshang}', 2026, -5, '测试')`,
      `insert into public.region_populations (region_code, year, resident_population, under3_population, source) values ('${R.wenshang}', 2026, 100, 200, '测试')`,
    ]) {
      const outcome = await write(sql);
      expect(outcome.error?.code, sql).toBe('23514');
    }
    expect((await write(setTarget(R.wenshang, 'affordable_share', 100))).error).toBeUndefined();
    expect((await write(setTarget(R.wenshang, 'annual_new_slots', 800))).error).toBeUndefined();
  });

  it('each check the form repeats has its Chinese sentence (TARGET_CHECK_MESSAGES names real constraints)', async () => {
    const names = (await t.db.query<{ conname: string }>(
      `select conname from pg_constraint where conrelid in ('public.region_targets'::regclass, 'public.region_populations'::regclass) and contype = 'c'`)).rows.map((r) => r.conname);
    expect(names).toEqual(expect.arrayContaining(Object.keys(TARGET_CHECK_MESSAGES)));
    const refusal = await write(setTarget(R.wenshang, 'affordable_share', 120));
    expect(errorMessage(refusal.error)).toBe('百分比目标须在0–100之间');
  });

  it('every change lands in the audit log with the editor and the region', async () => {
    await actAs(t.db, U.jining, (q) => q.query(setTarget(R.zhongduStreet, 'health_record_rate', 95)));
    const audit = await t.db.query<Row>(
      `select actor_id, region_code, action from public.audit_log where table_name = 'region_targets' and new_data ->> 'metric' = 'health_record_rate'
        and region_code = $1 order by id desc limit 1`, [R.zhongduStreet]);
    expect(audit.rows[0]).toMatchObject({ actor_id: U.jining, region_code: R.zhongduStreet, action: 'INSERT' });
  });
});

describe('region_indicators_at: the same formulas on any day', () => {
  const at = (who: string | null, code: string, day: string) =>
    rpc<Row>(t.db, who, `select * from public.region_indicators_at($1, $2::date)`, [code, day]);
  const asOf = async (code: string, day: string) =>
    (await rpc<{ day: string }>(t.db, null, `select as_of::text as day from public.region_indicators_at($1, $2::date)`, [code, day])).day;
  const year = (who: string | null, code: string, y: number) =>
    rpc<Row>(t.db, who, `select * from public.region_indicators($1, $2)`, [code, y]);

  it('on 31 December it answers exactly the year’s figures', async () => {
    const a = await at(U.wenshang, R.wenshang, '2023-12-31');
    const y = await year(U.wenshang, R.wenshang, 2023);
    expect(a).toEqual(y);
    expect(a).toMatchObject({ slots: 3142, new_slots: 787, for_year: 2023 });
    expect(await asOf(R.wenshang, '2023-12-31')).toBe('2023-12-31');
  });

  it('mid-year: the registry on that day, new slots since the end of the year before, that year’s targets', async () => {
    const june = await at(U.wenshang, R.wenshang, '2023-06-30');
    const dec = await year(U.wenshang, R.wenshang, 2023);
    expect(june).toMatchObject({ for_year: 2023, slots_prev_year: 2355 });
    expect(await asOf(R.wenshang, '2023-06-30')).toBe('2023-06-30');
    expect(june.slots as number).toBeLessThanOrEqual(dec.slots as number);
    expect(june.new_slots).toBe((june.slots as number) - 2355);
    expect(Number(june.annual_task)).toBe(780);
    expect(june.task_met).toBe((june.new_slots as number) >= 780);
  });

  it('sub_regions: one row per county of 济宁 on the day, the same as the year function on 31 December', async () => {
    const rows = (await t.db.query<Row>(`select * from public.region_indicators_at($1, '2025-12-31', true)`, [R.jining])).rows;
    const years = (await t.db.query<Row>(`select * from public.region_indicators($1, 2025, true)`, [R.jining])).rows;
    expect(rows.length).toBeGreaterThanOrEqual(11);
    expect(rows.map((r) => [r.code, r.slots, r.slots_per_1000_met])).toEqual(years.map((r) => [r.code, r.slots, r.slots_per_1000_met]));
  });

  it('anon gets the public figures only; the city admin gets everything for its counties', async () => {
    const pub = await at(null, R.wenshang, '2025-11-30');
    expect(pub).toMatchObject({ full_access: false, certified_staff_rate: null, health_record_rate: null });
    expect(pub.slots).toBeGreaterThan(0);
    const city = await at(U.jining, R.wenshang, '2025-11-30');
    expect(city.full_access).toBe(true);
    expect(Number(city.certified_staff_rate)).toBe(100);
    const other = await at(U.rencheng, R.wenshang, '2025-11-30');
    expect(other.full_access).toBe(false);
  });

  it('a missing or impossible date and an unknown region are refused in Chinese', async () => {
    await refused(at(U.jining, R.jining, '1999-12-31'), '22023', /日期无效/);
    await refused(rpc(t.db, U.jining, `select * from public.region_indicators_at($1, null)`, [R.jining]), '22023', /日期无效/);
    await refused(at(U.jining, '379999000000', '2025-11-30'), 'P0002', /区划不存在/);
    await refused(year(U.jining, R.jining, 1900), '22023', /年度无效/);
  });
});
