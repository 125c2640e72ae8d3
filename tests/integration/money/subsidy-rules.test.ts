/**
 * 补贴标准 (issue 15 §5, supabase/migrations/20261204015100_edit_subsidy_rules.sql): the rules in
 * force for a region and year with their source (own or inherited), edited by the admins whose
 * scope covers the region, checked with Chinese errors; applications keep the amounts computed
 * when they were submitted, and a new application is computed from the edited rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { I, P, R } from '../../support/fixtures.ts';
import { actAs, anon, refused, rpc } from '../filings/support.ts';

let t: TestDatabase;
type Rule = {
  id: number; kind: string; class_type: string | null; amount_yuan: string; min_months: number;
  source_region_code: string | null; source_region_name: string; inherited: boolean; editable: boolean;
};

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const effective = (who: string | null, region: string, year: number) => {
  const run = async (q: Parameters<Parameters<typeof anon>[1]>[0]) =>
    (await q.query<Rule>(`select id, kind, class_type, amount_yuan::text, min_months, source_region_code, source_region_name, inherited, editable
                            from public.effective_subsidy_rules($1, $2)`, [region, year])).rows;
  return who === null ? anon(t.db, run) : actAs(t.db, who, run);
};
const write = (who: string, sql: string, params: unknown[] = []) =>
  actAs(t.db, who, async (q) => (await q.query(sql, params)).rowCount);
const insertRule = (who: string, region: string | null, year: number, kind: string, classType: string | null, amount: number, minMonths = 3) =>
  write(who, `insert into public.subsidy_rules (region_code, year, kind, class_type, amount_yuan, min_months) values ($1, $2, $3, $4, $5, $6)`,
    [region, year, kind, classType, amount, minMonths]);

describe('the rules in force', () => {
  it('汶上 2026 inherits 济宁’s rules (the source shown); the city edits them, the county does not', async () => {
    const county = await effective(P.wenshang, R.wenshang, 2026);
    expect(county.map((r) => [r.class_type, r.amount_yuan, r.source_region_code, r.source_region_name, r.inherited, r.editable])).toEqual([
      ['infant', '900.00', R.jining, '济宁市', true, false],
      ['toddler', '800.00', R.jining, '济宁市', true, false],
      ['older_toddler', '700.00', R.jining, '济宁市', true, false],
      ['mixed_age', '800.00', R.jining, '济宁市', true, false],
    ]);
    expect((await effective(P.jining, R.wenshang, 2026)).every((r) => r.editable)).toBe(true);
    expect((await effective(P.jining, R.jining, 2026)).every((r) => !r.inherited && r.editable)).toBe(true);
    // 重庆’s (province-level) rules for 渝中; anon reads them too, editing nothing
    const yuzhong = await effective(null, '500103000000', 2026);
    expect(yuzhong).toHaveLength(3);
    expect(yuzhong.every((r) => r.source_region_code === '500000000000' && r.inherited && !r.editable)).toBe(true);
    expect(await effective(P.wenshang, R.wenshang, 2030)).toEqual([]);
    await refused(effective(P.wenshang, R.zhongduStreet, 2026), '22023', /请选择省、市或县（区）/);
  });

  it('a county’s own rules of a kind replace the inherited set of that kind', async () => {
    expect(await insertRule(P.wenshang, R.wenshang, 2027, 'operating', 'toddler', 1000)).toBe(1);
    await t.db.query(`insert into public.subsidy_rules (region_code, year, kind, class_type, amount_yuan) values
      ($1, 2027, 'operating', 'infant', 900), ($1, 2027, 'construction', null, 8000)`, [R.jining]);
    const rules = await effective(P.wenshang, R.wenshang, 2027);
    expect(rules.map((r) => [r.kind, r.class_type, r.amount_yuan, r.inherited, r.editable])).toEqual([
      ['operating', 'toddler', '1000.00', false, true],
      ['construction', null, '8000.00', true, false],
    ]);
  });
});

describe('checks (Chinese errors, nothing written)', () => {
  it('amounts, months, kinds, regions and duplicates', async () => {
    await refused(insertRule(P.wenshang, R.wenshang, 2028, 'operating', 'infant', 0), '23514', /金额应大于 0 元/);
    await refused(insertRule(P.wenshang, R.wenshang, 2028, 'operating', 'infant', -5), '23514', /金额应大于 0 元/);
    await refused(insertRule(P.wenshang, R.wenshang, 2028, 'operating', 'infant', 60000), '23514', /不能超过每生每年 50,000 元/);
    await refused(insertRule(P.wenshang, R.wenshang, 2028, 'construction', null, 200000, 0), '23514', /不能超过每个托位 100,000 元/);
    await refused(insertRule(P.wenshang, R.wenshang, 2028, 'operating', 'infant', 900, 7), '23514', /最少在托月数应为 0～6 个月/);
    await refused(insertRule(P.wenshang, R.wenshang, 2028, 'operating', null, 900), '23514', /运营补贴须选择班型/);
    await refused(insertRule(P.wenshang, R.wenshang, 2028, 'construction', 'infant', 900, 0), '23514', /不分班型/);
    await refused(insertRule(P.wenshang, R.zhongduStreet, 2028, 'operating', 'infant', 900), '23514', /不能按街道/);
    await refused(insertRule(P.wenshang, R.wenshang, 1999, 'operating', 'infant', 900), '23514', /年度应在/);
    // a duplicate: the unique constraint (the apps word it, @tuoyu/domain CONSTRAINT_MESSAGES); a seed's on conflict still works
    await refused(insertRule(P.wenshang, R.wenshang, 2027, 'operating', 'toddler', 1100), '23505', /subsidy_rules_unique/);
    expect(await write(P.wenshang, `insert into public.subsidy_rules (region_code, year, kind, class_type, amount_yuan) values ($1, 2027, 'operating', 'toddler', 1100)
      on conflict do nothing`, [R.wenshang])).toBe(0);
    await refused(write(P.wenshang, `update public.subsidy_rules set year = 2028 where region_code = $1 and year = 2027`, [R.wenshang]),
      '23514', /不能修改/);
    await refused(write(P.wenshang, `update public.subsidy_rules set amount_yuan = 0 where region_code = $1 and year = 2027`, [R.wenshang]),
      '23514', /金额应大于 0 元/);
    const left = await t.db.query(`select count(*)::int as n from public.subsidy_rules where region_code in ($1, $2) and year in (1999, 2028)`,
      [R.wenshang, R.zhongduStreet]);
    expect(left.rows[0]).toEqual({ n: 0 });
  });
});

describe('who writes', () => {
  it('admins whose scope covers the region; others are refused, in Chinese or by seeing nothing', async () => {
    // 汶上 may not write 任城’s or the city’s rules; the city and the province may write 汶上’s
    await refused(insertRule(P.wenshang, R.rencheng, 2028, 'operating', 'infant', 900), '42501', /只有管辖任城区/);
    await refused(insertRule(P.wenshang, R.jining, 2028, 'operating', 'infant', 900), '42501', /只有管辖济宁市/);
    await refused(insertRule(P.jining, null, 2028, 'operating', 'infant', 900), '42501', /全国标准不能在此设定/);
    for (const who of [P.opWenshang, P.inspector, P.familyZhang, P.community, P.jinan, P.yuzhong]) {
      await refused(insertRule(who, R.wenshang, 2028, 'operating', 'infant', 900), '42501', /只有管辖汶上县/);
    }
    await expect(anon(t.db, (q) => q.query(`insert into public.subsidy_rules (region_code, year, kind, class_type, amount_yuan) values ($1, 2028, 'operating', 'infant', 900)`,
      [R.wenshang]))).rejects.toMatchObject({ code: '42501' });
    const cityRule = `update public.subsidy_rules set amount_yuan = 1 where region_code = $1 and year = 2026 and class_type = 'infant'`;
    for (const who of [P.wenshang, P.rencheng, P.opWenshang, P.jinan]) expect(await write(who, cityRule, [R.jining])).toBe(0);
    for (const who of [P.wenshang, P.opWenshang]) {
      expect(await write(who, `delete from public.subsidy_rules where region_code = $1 and year = 2026`, [R.jining])).toBe(0);
    }
    expect(await insertRule(P.jining, R.wenshang, 2028, 'operating', 'infant', 950)).toBe(1);
    expect(await insertRule(P.province, R.wenshang, 2028, 'operating', 'toddler', 850)).toBe(1);
    // a county admin ends (deletes) its own rule: the city’s set applies again
    expect(await write(P.wenshang, `delete from public.subsidy_rules where region_code = $1 and year = 2027 and kind = 'operating'`, [R.wenshang])).toBe(1);
    expect((await effective(P.wenshang, R.wenshang, 2027)).map((r) => [r.class_type, r.source_region_code])).toEqual([
      ['infant', R.jining], [null, R.jining],
    ]);
  });
});

describe('applications keep what was computed; new ones use the edited rule', () => {
  const lines = async (institution: string, year: number, half: number) =>
    (await t.db.query<{ class_type: string; rate: string; amount: string; total: string }>(
      `select l.class_type, l.rate_yuan::text as rate, l.amount_yuan::text as amount, a.total_amount::text as total
         from public.subsidy_applications a join public.subsidy_application_lines l on l.application_id = a.id
        where a.institution_id = $1 and a.year = $2 and a.half = $3 order by l.class_type`, [institution, year, half])).rows;

  it('the city raises 托大班 to 1,200: 金城’s and 爱心’s 2026 H1 applications keep 700; 爱心’s H2 gets 1,200', async () => {
    const jinChengBefore = await lines(I.jinCheng, 2026, 1);
    const aiXinBefore = await lines(I.aiXin, 2026, 1);
    expect(jinChengBefore.find((l) => l.class_type === 'older_toddler')).toMatchObject({ rate: '700.00', total: '11800.00' });
    expect(await write(P.jining, `update public.subsidy_rules set amount_yuan = 1200, basis = '济宁市2026年调整' where region_code = $1 and year = 2026 and class_type = 'older_toddler'`,
      [R.jining])).toBe(1);
    expect(await lines(I.jinCheng, 2026, 1)).toEqual(jinChengBefore);
    expect(await lines(I.aiXin, 2026, 1)).toEqual(aiXinBefore);
    const totals = await actAs(t.db, P.jining, async (q) =>
      (await q.query(`select sum(total_amount)::text as total from public.subsidy_totals where year = 2026 and half = 1`)).rows[0]);
    expect(totals).toEqual({ total: '27300.00' }); // 15,500 + 11,800, as submitted
    // the preview of 金城's submitted period is live (what a new submission would get) …
    const preview = await rpc<{ p: { total_amount: number } }>(t.db, P.opRencheng, 'select public.subsidy_preview($1, 2026, 1) as p', [I.jinCheng]);
    expect(preview.p.total_amount).toBe(4800 + 20 * 6 * 1200 / 12);
    // … and a new application is computed from the edited rule: 张小禾, 托大班 since September = 4 months
    const app = await rpc<Record<string, unknown>>(t.db, P.opWenshang, 'select * from public.apply_for_subsidy($1, 2026, 2)', [I.aiXin]);
    expect(app).toMatchObject({ status: 'applied', basis: 'placements', rule_region_code: R.jining });
    expect(await lines(I.aiXin, 2026, 2)).toEqual([{ class_type: 'older_toddler', rate: '1200.00', amount: '400.00', total: '400.00' }]);
  });
});
