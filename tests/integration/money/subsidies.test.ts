/**
 * Subsidies (issue 15 §5): the amount is computed from placements — or from the declared enrolment
 * until placements exist, labelled — by rules per region and year; the operator applies, the county
 * admin approves or returns (with a reason), the city sees totals. Every transition is retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { C, I, P, R } from '../../support/fixtures.ts';
import { actAs, anon, refused, rpc } from '../filings/support.ts';

let t: TestDatabase;
const CLASS = { infant: '20000000-0000-4000-8000-000000000001', toddler: '20000000-0000-4000-8000-000000000002', older: '20000000-0000-4000-8000-000000000003' };

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  // 2025 rules: 汶上 has its own (county beats city), 济宁 city-wide for 任城; construction in 汶上
  await t.db.query(`insert into public.subsidy_rules (region_code, year, kind, class_type, amount_yuan, min_months) values
    ('${R.wenshang}', 2025, 'operating', 'infant', 900, 3), ('${R.wenshang}', 2025, 'operating', 'toddler', 800, 3),
    ('${R.wenshang}', 2025, 'operating', 'older_toddler', 700, 3), ('${R.wenshang}', 2025, 'construction', null, 10000, 0),
    ('${R.jining}', 2025, 'operating', 'toddler', 600, 0), ('${R.jining}', 2025, 'operating', 'older_toddler', 500, 0)`);
  // placements at 爱心 in 2025 (ended): 6 months in 乳儿班, 5 in 托大班, 2 in 托小班 (below the 3-month minimum)
  await t.db.query(`insert into public.placements (child_id, institution_id, class_id, county_code, started_on, ended_on, end_reason) values
    ('${C.xiaoman}', '${I.aiXin}', '${CLASS.infant}', '${R.wenshang}', '2025-01-10', '2025-06-30', 'left'),
    ('${C.xiaohe}', '${I.aiXin}', '${CLASS.older}', '${R.wenshang}', '2025-02-01', '2025-08-31', 'left'),
    ('${C.yinuo}', '${I.aiXin}', '${CLASS.toddler}', '${R.wenshang}', '2025-04-20', '2025-12-31', 'left')`);
  // a class opened in 2025 H1: 10 new affordable slots
  await t.db.query(`insert into public.classes (institution_id, name, class_type, min_age_months, max_age_months, capacity, created_at)
    values ('${I.aiXin}', '新开乳儿班', 'infant', 6, 12, 10, '2025-03-01 09:00+08')`);
});
afterAll(async () => {
  await t?.drop();
});

const apply = (who: string, institution: string, year: number, half: number) =>
  rpc<Record<string, unknown>>(t.db, who, 'select * from public.apply_for_subsidy($1, $2, $3)', [institution, year, half]);
const lines = async (app: string) =>
  (await t.db.query<Record<string, unknown>>(
    `select kind, class_type, children, months, rate_yuan::text as rate, amount_yuan::text as amount
       from public.subsidy_application_lines where application_id = $1 order by kind, class_type`, [app])).rows;

describe('computed amounts', () => {
  let aiXinApp: string;

  it('from placements: child-months on the 15th, the minimum months, the county rule, construction per new slot', async () => {
    const preview = await rpc<{ p: { basis: string; total_amount: number } }>(t.db, P.opWenshang,
      'select public.subsidy_preview($1, 2025, 1) as p', [I.aiXin]);
    const app = await apply(P.opWenshang, I.aiXin, 2025, 1);
    aiXinApp = app.id as string;
    expect(app).toMatchObject({ status: 'applied', basis: 'placements', rule_region_code: R.wenshang, children: 2, child_months: 11, new_slots: 10 });
    expect(await lines(aiXinApp)).toEqual([
      { kind: 'operating', class_type: 'infant', children: 1, months: 6, rate: '900.00', amount: '450.00' },
      { kind: 'operating', class_type: 'older_toddler', children: 1, months: 5, rate: '700.00', amount: '291.67' },
      { kind: 'construction', class_type: null, children: 10, months: 0, rate: '10000.00', amount: '100000.00' },
    ]);
    expect(Number(app.total_amount)).toBe(100741.67);
    expect(preview.p).toMatchObject({ basis: 'placements', total_amount: 100741.67 });
  });

  it('a retry returns the same application unchanged', async () => {
    const again = await apply(P.opWenshang, I.aiXin, 2025, 1);
    expect(again.id).toBe(aiXinApp);
    expect(Number(again.total_amount)).toBe(100741.67);
    expect((await t.db.query('select count(*)::int as n from public.subsidy_applications where institution_id = $1 and year = 2025', [I.aiXin])).rows[0]).toEqual({ n: 1 });
  });

  it('from the declared enrolment until placements exist (labelled), by the city rule', async () => {
    const app = await apply(P.opRencheng, I.jinCheng, 2025, 1);
    expect(app).toMatchObject({ basis: 'declared_enrolment', rule_region_code: R.jining, children: 32, child_months: 192 });
    expect(await lines(app.id as string)).toEqual([
      { kind: 'operating', class_type: 'toddler', children: 12, months: 72, rate: '600.00', amount: '3600.00' },
      { kind: 'operating', class_type: 'older_toddler', children: 20, months: 120, rate: '500.00', amount: '5000.00' },
    ]);
  });

  it('refuses with clear Chinese errors: no rule, window not open, not affordable', async () => {
    await refused(apply(P.opWenshang, I.aiXin, 2024, 1), 'P0002', /尚未设置2024年托育补贴标准/);
    await refused(apply(P.opWenshang, I.aiXin, 2099, 1), '22023', /自 2099-06-01 起开放/);
    await t.db.query('update public.institutions set affordable = false where id = $1', [I.aiXin]);
    await refused(apply(P.opWenshang, I.aiXin, 2025, 2), '23514', /仅普惠托育机构/);
    await t.db.query('update public.institutions set affordable = true where id = $1', [I.aiXin]);
  });

  it('only the institution’s own members apply', async () => {
    await refused(apply(P.opRencheng, I.aiXin, 2025, 2), '42501', /不是该机构的账号/);
    await refused(apply(P.wenshang, I.aiXin, 2025, 2), '42501', /不是该机构的账号/);
    await expect(anon(t.db, (q) => q.query(`select public.apply_for_subsidy($1, 2025, 2)`, [I.aiXin]))).rejects.toMatchObject({ code: '42501' });
  });
});

describe('approve and return', () => {
  const appOf = async (institution: string) =>
    (await t.db.query<{ id: string }>('select id from public.subsidy_applications where institution_id = $1 and year = 2025 and half = 1', [institution])).rows[0]!.id;
  const approve = (who: string, app: string) => rpc<Record<string, unknown>>(t.db, who, 'select * from public.approve_subsidy($1)', [app]);
  const giveBack = (who: string, app: string, reason: string | null) =>
    rpc<Record<string, unknown>>(t.db, who, 'select * from public.return_subsidy($1, $2)', [app, reason]);

  it('only the county admin of the institution’s county decides', async () => {
    const app = await appOf(I.aiXin);
    await refused(approve(P.opWenshang, app), '42501', /县（区）卫健部门/);
    await refused(approve(P.jining, app), '42501', /县（区）卫健部门/);
    await refused(approve(P.province, app), '42501', /县（区）卫健部门/);
    await refused(approve(P.rencheng, app), 'P0002', /补贴申请不存在/);
    await refused(approve(P.opRencheng, app), 'P0002', /补贴申请不存在/);
    await refused(giveBack(P.inspector, app, '材料不全'), 'P0002', /补贴申请不存在/);
    const done = await approve(P.wenshang, app);
    expect(done).toMatchObject({ status: 'approved', decided_by: P.wenshang });
    const again = await approve(P.wenshang, app);
    expect(again.decided_at).toEqual(done.decided_at);
    await refused(giveBack(P.wenshang, app, '重复申报'), '22023', /已核准，不能退回/);
  });

  it('a return needs a reason, is idempotent, and the operator re-applies (recomputed)', async () => {
    const app = await appOf(I.jinCheng);
    await refused(giveBack(P.rencheng, app, ' '), '23514', /退回须填写理由/);
    const returned = await giveBack(P.rencheng, app, '请补充在托名册');
    expect(returned).toMatchObject({ status: 'returned', return_reason: '请补充在托名册' });
    expect((await giveBack(P.rencheng, app, '另一个理由')).return_reason).toBe('请补充在托名册');
    await refused(approve(P.rencheng, app), '22023', /须由机构重新提交/);
    const resubmitted = await apply(P.opRencheng, I.jinCheng, 2025, 1);
    expect(resubmitted).toMatchObject({ id: app, status: 'applied', return_reason: null, decided_by: null });
    expect(Number(resubmitted.total_amount)).toBe(8600);
  });

  it('nobody writes applications or amounts directly', async () => {
    const app = await appOf(I.jinCheng);
    for (const who of [P.opRencheng, P.rencheng, P.jining]) {
      const changed = await actAs(t.db, who, async (q) => {
        try {
          return (await q.query(`update public.subsidy_applications set operating_amount = 999999 where id = $1`, [app])).rowCount;
        } catch {
          return 0;
        }
      });
      expect(changed).toBe(0);
    }
  });
});

describe('totals', () => {
  it('the city sees every county’s totals, a county only its own, anon nothing', async () => {
    const city = await actAs(t.db, P.jining, async (q) =>
      (await q.query(`select county_code, sum(total_amount)::text as total from public.subsidy_totals where year = 2025 group by county_code order by county_code`)).rows);
    expect(city).toEqual([{ county_code: R.rencheng, total: '8600.00' }, { county_code: R.wenshang, total: '100741.67' }]);
    const county = await actAs(t.db, P.rencheng, async (q) =>
      (await q.query(`select county_code from public.subsidy_totals where year = 2025`)).rows);
    expect(county).toEqual([{ county_code: R.rencheng }]);
    await expect(anon(t.db, (q) => q.query('select * from public.subsidy_totals'))).rejects.toMatchObject({ code: '42501' });
  });
});
