/**
 * Issue 13 §4: inspections. A 双随机 draw reproducible from the plan's seed and recorded; only the
 * assigned inspectors record findings; 限期整改 opens a rectification the operator reports on and
 * the county re-checks; the public record shows 5 years of inspections and complaint findings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { U, SEEDED, WENSHANG, actAs, anon, createUser, refused, rpc } from '../filings/support.ts';

let t: TestDatabase;
let secondInspector: string;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  secondInspector = await createUser(t.db, '消防大队 检查员');
  await t.db.query(`insert into public.staff_scopes (user_id, region_code, role) values ($1, $2, 'inspector')`, [secondInspector, WENSHANG]);
});
afterAll(async () => {
  await t?.drop();
});

const ITEMS = ['premises', 'staff_certificates', 'staff_ratio', 'cctv', 'food_safety', 'fire_safety', 'fee_list', 'health_checks'];
const allPass = () => ITEMS.map((item_code) => ({ item_code, passed: true }));
const newPlan = (who: string, seed: string, county = WENSHANG) => rpc<{ id: string }>(t.db, who,
  `insert into public.inspection_plans (county_code, title, period_start, period_end, seed, institution_count, inspectors_per_team, departments)
   values ($1, '2026年第四季度双随机检查', '2026-12-07', '2026-12-25', $2, 2, 2, '{卫健,市场监管,消防}') returning id`, [county, seed]);

describe('双随机 plans', () => {
  it('the draw is recorded and reproducible from the seed; inspections are planned with the drawn teams', async () => {
    const a = await newPlan(U.wenshang, 'seed-2026-q4');
    const b = await newPlan(U.wenshang, 'seed-2026-q4');
    const selA = (await rpc<{ draw_inspection_plan: { institutions: string[]; inspectors: string[] } }>(t.db, U.wenshang,
      `select public.draw_inspection_plan($1)`, [a.id])).draw_inspection_plan;
    const selB = (await rpc<{ draw_inspection_plan: unknown }>(t.db, U.wenshang, `select public.draw_inspection_plan($1)`, [b.id])).draw_inspection_plan;
    expect(selB).toEqual(selA);
    expect(selA.institutions).toHaveLength(2);
    expect(new Set(selA.inspectors)).toEqual(new Set([U.inspector, secondInspector]));
    // the recorded selection equals a recomputation from the seed
    const again = (await t.db.query<{ s: unknown; rec: unknown }>(
      `select private.draw_selection(p) as s, p.selection as rec from public.inspection_plans p where p.id = $1`, [a.id])).rows[0]!;
    expect(again.s).toEqual(again.rec);
    const planned = (await t.db.query<{ institution_id: string; inspector_ids: string[]; departments: string[] }>(
      `select institution_id, inspector_ids, departments from public.inspections where plan_id = $1`, [a.id])).rows;
    expect(planned.map((p) => p.institution_id).sort()).toEqual([...selA.institutions].sort());
    expect(planned[0]!.departments).toEqual(['卫健', '市场监管', '消防']);
    await refused(rpc(t.db, U.wenshang, `select public.draw_inspection_plan($1)`, [a.id]), '23514', /计划已抽取/);
    await refused(actAs(t.db, U.wenshang, (q) => q.query(`update public.inspection_plans set seed = 'other' where id = $1`, [a.id])), '42501', /计划已抽取/);
    // a different seed draws (in general) differently, and the draw of another county is not ours
    for (const who of [U.rencheng, U.inspector, U.jining, U.opWenshang]) {
      await refused(rpc(t.db, who, `select public.draw_inspection_plan($1)`, [(await newPlan(U.wenshang, `s-${who}`)).id]), 'P0002', /不存在/);
    }
    await expect(newPlan(U.rencheng, 'x')).rejects.toMatchObject({ code: '42501' });
  });
});

describe('recording, rectification, public record', () => {
  it('only the assigned inspectors record; 限期整改 → operator reports → county closes → public page', async () => {
    const ins = await rpc<{ id: string }>(t.db, U.wenshang,
      `insert into public.inspections (institution_id, inspector_ids, departments, scheduled_on) values ($1, $2, '{卫健,消防}', current_date) returning id`,
      [SEEDED.aiXin, [U.inspector]]);
    await refused(rpc(t.db, U.wenshang, `insert into public.inspections (institution_id, inspector_ids, scheduled_on) values ($1, $2, current_date)`,
      [SEEDED.aiXin, [U.familyZhang]]), '23514', /本县区的检查人员/);
    await refused(rpc(t.db, U.rencheng, `insert into public.inspections (institution_id, inspector_ids, scheduled_on) values ($1, $2, current_date)`,
      [SEEDED.aiXin, [U.inspector]]), '23503', /机构不存在/);
    const findings = allPass().map((f) => f.item_code === 'cctv' ? { item_code: 'cctv', passed: false, note: '午睡室无监控，录像仅保存30天' } : f);
    const record = (who: string, f: unknown, result: string, by: string | null = '2099-12-31') =>
      rpc(t.db, who, `select public.record_inspection($1, $2, $3, '监控覆盖不全，限期整改', $4::date)`, [ins.id, JSON.stringify(f), result, by]);
    // not assigned: the county admin, another inspector, the operator
    for (const who of [U.wenshang, secondInspector, U.opWenshang, U.rencheng]) {
      await refused(record(who, findings, 'rectify'), 'P0002', /未分配给您/);
    }
    await refused(record(U.inspector, findings.slice(1), 'rectify'), '22023', /尚未填写：场所设施/);
    await refused(record(U.inspector, findings, 'pass'), '23514', /结果不能为合格/);
    await refused(record(U.inspector, allPass(), 'rectify'), '23514', /至少有一项不符合/);
    await refused(record(U.inspector, findings.map((f) => ({ ...f, note: undefined })), 'rectify'), '22023', /须说明问题/);
    await refused(record(U.inspector, findings, 'rectify', null), '22023', /整改期限/);
    expect(await t.db.query(`select id from public.inspection_findings where inspection_id = $1`, [ins.id]).then((r) => r.rows)).toEqual([]);
    await record(U.inspector, findings, 'rectify');
    const rect = (await t.db.query<{ id: string; requirement: string; status: string }>(
      `select id, requirement, status from public.rectifications where inspection_id = $1`, [ins.id])).rows[0]!;
    expect(rect).toMatchObject({ status: 'open', requirement: '视频监控：午睡室无监控，录像仅保存30天' });
    // visibility: the operator sees it, another county does not
    const sees = (who: string) => actAs(t.db, who, async (q) => (await q.query(`select id from public.rectifications where id = $1`, [rect.id])).rows.length);
    expect(await sees(U.opWenshang)).toBe(1);
    expect(await sees(U.inspector)).toBe(1);
    expect(await sees(U.rencheng)).toBe(0);
    expect(await sees(U.opRencheng)).toBe(0);
    await refused(rpc(t.db, U.wenshang, `select public.recheck_rectification($1, true, '已整改')`, [rect.id]), '23514', /尚未报告/);
    await refused(rpc(t.db, U.opRencheng, `select public.report_rectification($1, '已整改')`, [rect.id]), 'P0002', /不存在/);
    await rpc(t.db, U.opWenshang, `select public.report_rectification($1, '午睡室已加装2个摄像头，录像改为保存90天', '{}')`, [rect.id]);
    await refused(rpc(t.db, U.rencheng, `select public.recheck_rectification($1, true, '通过')`, [rect.id]), 'P0002', /不存在/);
    await refused(rpc(t.db, U.opWenshang, `select public.recheck_rectification($1, true, '通过')`, [rect.id]), 'P0002', /不存在/);
    await rpc(t.db, U.wenshang, `select public.recheck_rectification($1, true, '复查：监控已全覆盖，录像保存90天')`, [rect.id]);

    const record5y = (await rpc<{ public_oversight_record: { inspections: { result: string; rectification: { status: string } | null }[]; complaints: { result: string }[] } }>(
      t.db, null, `select public.public_oversight_record($1)`, [SEEDED.aiXin])).public_oversight_record;
    expect(record5y.inspections[0]).toMatchObject({ result: 'rectify', rectification: { status: 'closed' } });
    expect(record5y.complaints.map((c) => c.result)).toContain('投诉属实，已责令机构按收费清单和退费规则退还剩余费用');
    expect(JSON.stringify(record5y)).not.toMatch(/午睡室已加装|inspector|00000000-0000-4000-8000/);
    // older than 5 years: not shown
    await t.db.query(`update public.inspections set inspected_at = now() - interval '6 years' where id = $1`, [ins.id]);
    const later = (await rpc<{ public_oversight_record: { inspections: unknown[] } }>(t.db, null, `select public.public_oversight_record($1)`, [SEEDED.aiXin])).public_oversight_record;
    expect(later.inspections.some((i) => JSON.stringify(i).includes('监控覆盖不全'))).toBe(false);
    // a draft institution has no public record
    expect(await rpc(t.db, null, `select public.public_oversight_record('10000000-0000-4000-8000-000000000003') as r`)).toEqual({ r: null });
    // the county's list highlights the seeded 金城 rectification (open, deadline 2026-12-02) as overdue; 汶上 never sees it
    const queue = (who: string) => actAs(t.db, who, async (q) => (await q.query<{ institution_name: string; overdue: boolean }>(
      `select institution_name, overdue from public.rectification_queue where id = '72000000-0000-4000-8000-000000000002'`)).rows);
    expect(await queue(U.rencheng)).toEqual([{ institution_name: '济宁市任城区金城托育中心', overdue: true }]);
    expect(await queue(U.wenshang)).toEqual([]);
    // anon reads no table directly
    await expect(anon(t.db, (q) => q.query(`select id from public.inspections`))).rejects.toMatchObject({ code: '42501' });
  });
});
