/**
 * Issue 15 §3: the demo seed reproduces the reports' own figures through the same function the
 * statistics screen uses (region_indicators), on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { U, rpc } from '../filings/support.ts';
import { R } from '../../support/fixtures.ts';

let t: TestDatabase;
type Row = Record<string, unknown>;
const indicators = (who: string | null, code: string, year: number) =>
  rpc<Row>(t.db, who, `select * from public.region_indicators($1, $2)`, [code, year]);

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

describe('the seeds’ figures', () => {
  it('汶上县: 3,142 slots at the end of 2023 = 4.55 per 1,000; +787 in 2023', async () => {
    const y = await indicators(U.wenshang, R.wenshang, 2023);
    expect(y).toMatchObject({ slots: 3142, slots_prev_year: 2355, new_slots: 787 });
    expect(Number(y.slots_per_1000)).toBe(4.55);
  });

  it('汶上县 2022: 2,355 slots after 1,040 new = 132.65% of the annual task', async () => {
    const y = await indicators(U.wenshang, R.wenshang, 2022);
    expect(y).toMatchObject({ slots: 2355, new_slots: 1040 });
    expect(Number(y.annual_task)).toBe(784);
    expect(Number(y.task_completion)).toBe(132.65);
    expect(y.task_met).toBe(true);
  });

  it('汶上县: 100% certified carers, every street with an affordable institution', async () => {
    const y = await indicators(U.wenshang, R.wenshang, 2023);
    expect(Number(y.certified_staff_rate)).toBe(100);
    expect(y.streets_covered).toBe(y.streets);
  });

  it('济宁市 2023: 812 institutions, 4.78 per 1,000; its 12 counties add up', async () => {
    const y = await indicators(U.jining, R.jining, 2023);
    expect(y.institutions).toBe(812);
    expect(Number(y.slots_per_1000)).toBe(4.78);
    const counties = (await t.db.query<Row>(`select * from public.region_indicators($1, 2023, true)`, [R.jining])).rows;
    expect(counties).toHaveLength(12);
    expect(counties.reduce((n, c) => n + (c.institutions as number), 0)).toBe(812);
    expect(counties.reduce((n, c) => n + (c.slots as number), 0)).toBe(y.slots);
    // plausible shares: every county between 3 and 6 slots per 1,000
    for (const c of counties) {
      expect(Number(c.slots_per_1000)).toBeGreaterThan(3);
      expect(Number(c.slots_per_1000)).toBeLessThan(6);
    }
  });

  it('anon reads the public figures of the seeds too', async () => {
    const y = await indicators(null, R.wenshang, 2023);
    expect(y).toMatchObject({ slots: 3142, full_access: false, certified_staff_rate: null });
  });

  it('every generated filed institution has the approved new filing that issued its number', async () => {
    const { rows } = await t.db.query<Row>(
      `select count(*)::int as filed,
              count(*) filter (where f.filing_no = i.filing_no and f.decided_at = i.filed_at and f.county_code = i.county_code)::int as backed,
              count(*) filter (where i.filing_no ~ ('^' || substr(i.county_code, 1, 6) || to_char(i.filed_at at time zone 'Asia/Shanghai', 'YYYY') || '[0-9]{4}$'))::int as numbered,
              count(distinct i.filing_no)::int as numbers
         from public.institutions i
         left join public.filings f on f.institution_id = i.id and f.kind = 'new' and f.status = 'approved'
        where i.id::text like 'f1500000-0000-4000-8000-%' and i.status = 'filed'`);
    expect(rows[0]).toEqual({ filed: 812, backed: 812, numbered: 812, numbers: 812 });
    // the public certificate check (扫码验真) finds a generated institution's number
    const one = (await t.db.query<{ filing_no: string; name: string }>(
      `select filing_no, name from public.institutions where id = 'f1500000-0000-4000-8000-000000000001'`)).rows[0]!;
    const verified = await rpc<Row>(t.db, null, 'select * from public.verify_filing($1)', [one.filing_no]);
    expect(verified).toMatchObject({ institution_name: one.name, filing_no: one.filing_no, status: 'filed' });
    // the history rows point at the filing that caused them; the seed is idempotent
    const history = await t.db.query<Row>(
      `select count(*)::int as n from public.institution_history
        where institution_id::text like 'f1500000-0000-4000-8000-%' and cause = 'filing_approved' and filing_id is null`);
    expect(history.rows[0]).toEqual({ n: 0 });
  });

  it('no two institutions share a name: a family, an inspector or a draw never sees two of one name', async () => {
    const { rows } = await t.db.query<Row>(
      `select name, count(*)::int as n from public.institutions group by name having count(*) > 1`);
    expect(rows).toEqual([]);
    // and renaming the clashes kept every generated institution
    const { rows: [named] } = await t.db.query<Row>(
      `select count(*)::int as n from public.institutions where id::text like 'f1500000-0000-4000-8000-%'`);
    expect(named!.n).toBeGreaterThan(800);
  });
});
