/**
 * Issue 16 工作台: `public.my_work_items()` counts what waits for each role (security invoker, so
 * RLS applies, and each kind only for the role whose work it is); `public.mark_filing_material()`
 * keeps the reviewer's per-material marks as they go — allowed for the county reviewer of a filing
 * under review, refused for everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { F, run, type PersonaName } from '../../rls/personas.ts';
import { I } from '../../support/fixtures.ts';

type Row = { kind: string; total: number; urgent: number; items: { id: string; title: string; days_left?: number | null; detail?: string | null; institution_id?: string; replied?: boolean }[] };

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

async function workItems(who: PersonaName): Promise<Map<string, Row>> {
  const r = await run<Row>(t.db, who, `select * from public.my_work_items()`);
  expect(r.error).toBeUndefined();
  return new Map(r.rows.map((row) => [row.kind, row]));
}

describe('my_work_items', () => {
  it('county admin: filings of the own county to review, with working days left; not other counties', async () => {
    const w = await workItems('wenshang');
    const filings = w.get('filing_review')!;
    expect(filings.items.map((i) => i.id)).toContain(F.nanZhanSubmitted);
    expect(filings.items.map((i) => i.id)).not.toContain(F.jinChengUnderReview);
    expect(typeof filings.items.find((i) => i.id === F.nanZhanSubmitted)!.days_left).toBe('number');
    expect(w.has('complaint')).toBe(true);
    expect(w.has('filing_todo')).toBe(false);

    const r = await workItems('rencheng');
    expect(r.get('filing_review')!.items.map((i) => i.id)).toEqual([F.jinChengUnderReview]);
  });

  it('operator: its returned / draft filings with the reasons, requests and certificates; no review queue', async () => {
    const w = await workItems('opWenshang');
    expect(w.has('filing_review')).toBe(false);
    expect(w.has('complaint')).toBe(false);
    const todo = w.get('filing_todo')!;
    expect(todo.items.map((i) => i.id)).toContain(F.aiXinChangeDraft);
    expect(todo.items.map((i) => i.id)).not.toContain(F.kangYiReturned); // another institution's filing
    expect(w.has('enrollment_request')).toBe(true);
    expect(w.has('staff_certificate')).toBe(true);
  });

  it('备案后发现问题告知: the county sees its open notices (past the 改正期限 = urgent), the operator its own; not other counties or institutions', async () => {
    const seeded = '50000000-0000-4000-8000-000000000001'; // 小太阳, 改正期限 2024-12-31, not confirmed fixed
    const county = (await workItems('wenshang')).get('filing_notice_open')!;
    expect(county.items.find((i) => i.id === seeded)).toMatchObject({ institution_id: I.homeBased, detail: expect.stringContaining('健康证'), replied: true });
    expect(county.urgent).toBeGreaterThanOrEqual(1);
    expect((await workItems('rencheng')).get('filing_notice_open')!.items.map((i) => i.id)).not.toContain(seeded);

    // a notice on 爱心 (opWenshang's institution), as the county records it
    const notice = '50000000-0000-4000-8000-0000000000a1';
    await t.db.query(`insert into public.filing_notices (id, filing_id, problem, notify_by, rectify_by)
                      values ($1, $2, '消防器材过期，请更换', current_date + 5, current_date + 20)`, [notice, F.aiXinApproved]);
    try {
      const mine = (await workItems('opWenshang')).get('filing_notice')!;
      expect(mine.items.map((i) => i.id)).toEqual([notice]);
      expect(mine).toMatchObject({ total: 1, urgent: 0 });
      expect(mine.items[0]).toMatchObject({ title: '消防器材过期，请更换', institution_id: I.aiXin, days_left: 20 });
      expect((await workItems('opRencheng')).get('filing_notice')?.items.map((i) => i.id) ?? []).not.toContain(notice);
      // confirmed fixed: off both desks
      await t.db.query(`update public.filing_notices set resolved_at = now() where id = $1`, [notice]);
      expect((await workItems('opWenshang')).get('filing_notice')!.total).toBe(0);
      expect((await workItems('wenshang')).get('filing_notice_open')!.items.map((i) => i.id)).not.toContain(notice);
    } finally {
      await t.db.query(`delete from public.filing_notices where id = $1`, [notice]);
    }
  });

  it('city and province admins read, they do not handle: no county desk kinds; family and anon get nothing', async () => {
    for (const who of ['jining', 'province', 'familyZhang', 'anon'] as const) {
      const r = await run<Row>(t.db, who, `select * from public.my_work_items()`);
      if (who === 'anon') {
        expect(r.error?.code).toBe('42501'); // execute is not granted to anon
      } else {
        expect(r.error).toBeUndefined();
        expect(r.rows.map((row) => row.kind)).toEqual([]);
      }
    }
  });

  it('inspector and community worker get their own kinds', async () => {
    const i = await workItems('inspector');
    expect([...i.keys()]).toEqual(['inspection']);
    const c = await workItems('community');
    expect([...c.keys()].sort()).toEqual(['event_draft', 'event_upcoming']);
  });
});

describe('mark_filing_material', () => {
  const mark = (who: PersonaName, filing: string, ok: boolean | null, note: string | null = null, material = 'fire_safety') =>
    run<{ m: Record<string, unknown> }>(t.db, who, `select public.mark_filing_material($1, $2, $3, $4) as m`, [filing, material, ok, note]);

  it('the county reviewer of a filing under review saves one mark at a time (kept in filings.materials)', async () => {
    const r = await mark('rencheng', F.jinChengUnderReview, false, '  已过期  ');
    expect(r.error).toBeUndefined();
    expect(r.rows[0]!.m).toMatchObject({ filing_form: { ok: true }, fire_safety: { ok: false, note: '已过期' } });
    // clearing a mark removes it
    const cleared = await mark('rencheng', F.jinChengUnderReview, null, null, 'filing_form');
    expect(cleared.rows[0]!.m).toEqual({});
  });

  it('is refused for other counties, the city, the operator, anon and a filing not under review', async () => {
    for (const who of ['wenshang', 'jining', 'province', 'opRencheng', 'inspector', 'familyZhang'] as const) {
      const r = await mark(who, F.jinChengUnderReview, true);
      expect(r.error, who).toMatchObject({ code: '42501' });
    }
    expect((await mark('anon', F.jinChengUnderReview, true)).error?.code).toBe('42501');
    expect((await mark('wenshang', F.nanZhanSubmitted, true)).error).toMatchObject({ code: '42501', message: expect.stringMatching(/不在审核中/) });
    expect((await mark('rencheng', F.jinChengUnderReview, true, null, 'no_such')).error).toMatchObject({ code: '22023' });
    expect((await mark('rencheng', F.jinChengUnderReview, true, 'x'.repeat(501))).error).toMatchObject({ code: '22023' });
  });
});
