/**
 * 检查清单维护 (20261204012000_create_checklist_editor.sql): province, city and county admins add,
 * override, disable and restore the checklist items of their region; region_checklist() shows the
 * effective list with each item's source; a new inspection's recording screen follows it; recorded
 * findings keep their items. Each write on the allowed and the forbidden path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { RENCHENG, SEEDED, U, WENSHANG, actAs, anon, refused, rpc } from '../filings/support.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const JINING = '370800000000';
const NATIONAL = ['premises', 'staff_certificates', 'staff_ratio', 'cctv', 'food_safety', 'fire_safety', 'fee_list', 'health_checks'];

type Effective = {
  code: string; item_id: number; source_region_code: string | null; source_region_name: string | null; title: string;
  requirement: string; active: boolean; inherited_id: number | null; inherited_region_code: string | null; inherited_title: string | null;
};
const effective = async (region: string, who: string | null = U.inspector) => {
  const run = async (q: { query: <T>(sql: string, params?: unknown[]) => Promise<{ rows: T[] }> }) =>
    (await q.query<Effective>(`select * from public.region_checklist($1)`, [region])).rows;
  return who === null ? anon(t.db, run) : actAs(t.db, who, run);
};
const item = async (region: string, code: string) => (await effective(region)).find((r) => r.code === code);
const write = (who: string, sql: string, params: unknown[] = []) =>
  actAs(t.db, who, async (q) => (await q.query(sql, params)).rowCount);
const newInspection = async () => (await rpc<{ id: string }>(t.db, U.wenshang,
  `insert into public.inspections (institution_id, inspector_ids, departments, scheduled_on) values ($1, $2, '{卫健}', current_date) returning id`,
  [SEEDED.aiXin, [U.inspector]])).id;
const recordingItems = async (inspection: string) =>
  (await actAs(t.db, U.inspector, (q) => q.query<{ code: string }>(`select code from public.inspection_checklist($1)`, [inspection]))).rows.map((r) => r.code);

describe('region_checklist', () => {
  it('shows the national items and the seeded 济宁 override with their sources, to anyone', async () => {
    const wenshang = await effective(WENSHANG, null);
    expect(wenshang.map((r) => r.code)).toEqual(NATIONAL);
    expect(wenshang.find((r) => r.code === 'premises')).toMatchObject({ source_region_code: null, inherited_region_code: null });
    expect(wenshang.find((r) => r.code === 'cctv')).toMatchObject({ source_region_code: JINING, source_region_name: '济宁市', inherited_region_code: JINING });
    // 济宁 itself: its own row, inheriting the national item
    expect(await item(JINING, 'cctv')).toMatchObject({ source_region_code: JINING, inherited_region_code: null, inherited_title: '视频监控' });
    expect((await item('370000000000', 'cctv'))?.source_region_code).toBeNull();
    expect(await effective('370830001000')).toEqual([]); // streets have no checklist of their own
    expect(await effective('nonsense')).toEqual([]);
  });
});

describe('editing the checklist', () => {
  it('the county admin adds an item: it is in the county list and the recording screen of a new inspection, not in another county', async () => {
    expect(await write(U.wenshang, `insert into public.inspection_checklist_items (region_code, code, title, requirement, sort_order)
      values ($1, 'drills', ' 应急演练 ', '每月开展一次应急疏散演练并留存记录', 65)`, [WENSHANG])).toBe(1);
    expect(await item(WENSHANG, 'drills')).toMatchObject({ title: '应急演练', source_region_code: WENSHANG, source_region_name: '汶上县', inherited_id: null });
    expect(await item(RENCHENG, 'drills')).toBeUndefined();
    expect(await item(JINING, 'drills')).toBeUndefined();
    expect(await recordingItems(await newInspection())).toContain('drills');
  });

  it('a county override and its restore; disabling an inherited item takes it off the recording screen', async () => {
    const cityCctv = (await item(WENSHANG, 'cctv'))!;
    expect(await write(U.wenshang, `insert into public.inspection_checklist_items (region_code, code, title, requirement, basis, sort_order)
      values ($1, 'cctv', '视频监控', '录像保存不少于180天', '汶上县要求', 40)`, [WENSHANG])).toBe(1);
    expect(await item(WENSHANG, 'cctv')).toMatchObject({ requirement: '录像保存不少于180天', source_region_code: WENSHANG, inherited_id: cityCctv.item_id });
    expect(await write(U.wenshang, `update public.inspection_checklist_items set title = '视频监控系统' where region_code = $1 and code = 'cctv'`, [WENSHANG])).toBe(1);
    expect((await item(WENSHANG, 'cctv'))?.title).toBe('视频监控系统');
    // restore = delete the own row: the city's item again
    expect(await write(U.wenshang, `delete from public.inspection_checklist_items where region_code = $1 and code = 'cctv'`, [WENSHANG])).toBe(1);
    expect(await item(WENSHANG, 'cctv')).toMatchObject({ item_id: cityCctv.item_id, source_region_code: JINING });

    // disable the national fee-list item for 汶上 (an inactive override), then restore it
    expect(await write(U.wenshang, `insert into public.inspection_checklist_items (region_code, code, title, requirement, active)
      values ($1, 'fee_list', '收费公示', '在显著位置公示收费项目清单和退费规则', false)`, [WENSHANG])).toBe(1);
    expect(await item(WENSHANG, 'fee_list')).toMatchObject({ active: false, source_region_code: WENSHANG, inherited_region_code: null });
    const inspection = await newInspection();
    expect(await recordingItems(inspection)).not.toContain('fee_list');
    expect(await recordingItems(await newInspection())).not.toContain('fee_list');
    expect(await write(U.wenshang, `delete from public.inspection_checklist_items where region_code = $1 and code = 'fee_list'`, [WENSHANG])).toBe(1);
    expect(await recordingItems(inspection)).toContain('fee_list');
  });

  it('recorded findings keep their items when the item is changed or removed', async () => {
    const id = await newInspection();
    const codes = await recordingItems(id);
    expect(codes).toContain('drills');
    await rpc(t.db, U.inspector, `select public.record_inspection($1, $2, 'pass', '全部符合')`,
      [id, JSON.stringify(codes.map((item_code) => ({ item_code, passed: true })))]);
    await write(U.wenshang, `update public.inspection_checklist_items set title = '消防演练' where region_code = $1 and code = 'drills'`, [WENSHANG]);
    expect(await write(U.wenshang, `delete from public.inspection_checklist_items where region_code = $1 and code = 'drills'`, [WENSHANG])).toBe(1);
    const findings = (await t.db.query<{ item_code: string; item_title: string }>(
      `select item_code, item_title from public.inspection_findings where inspection_id = $1 order by item_code`, [id])).rows;
    expect(findings).toHaveLength(codes.length);
    expect(findings.find((f) => f.item_code === 'drills')?.item_title).toBe('应急演练');
  });

  it('admins write only regions in their scope; nobody writes the national list; inspectors, operators and families read only', async () => {
    const insert = (who: string, region: string) => write(who, `insert into public.inspection_checklist_items (region_code, code, title, requirement)
      values ($1, 'night_care', '夜间照护', '不提供夜间寄宿照护')`, [region]);
    // another county, the city above, the national list
    await refused(insert(U.wenshang, RENCHENG), '42501', /row-level security/);
    await refused(insert(U.wenshang, JINING), '42501', /row-level security/);
    await refused(write(U.province, `insert into public.inspection_checklist_items (region_code, code, title, requirement) values (null, 'night_care', '夜间照护', '不提供夜间寄宿照护')`),
      '42501', /row-level security/);
    for (const who of [U.inspector, U.opWenshang, U.familyZhang]) await refused(insert(who, WENSHANG), '42501', /row-level security/);
    await expect(anon(t.db, (q) => q.query(`insert into public.inspection_checklist_items (region_code, code, title, requirement)
      values ($1, 'night_care', '夜间照护', '不提供夜间寄宿照护')`, [WENSHANG]))).rejects.toMatchObject({ code: '42501' });
    // the city's override is not the county's to change or remove; the national items are nobody's
    expect(await write(U.wenshang, `update public.inspection_checklist_items set requirement = '改' where region_code = $1`, [JINING])).toBe(0);
    expect(await write(U.wenshang, `delete from public.inspection_checklist_items where region_code = $1`, [JINING])).toBe(0);
    expect(await write(U.rencheng, `delete from public.inspection_checklist_items where region_code = $1`, [WENSHANG])).toBe(0);
    for (const who of [U.jining, U.inspector, U.opWenshang]) {
      expect(await write(who, `delete from public.inspection_checklist_items where region_code is null`)).toBe(0);
      expect(await write(who, `update public.inspection_checklist_items set title = '改名' where region_code is null`)).toBe(0);
    }
    expect((await t.db.query(`select 1 from public.inspection_checklist_items where region_code is null`)).rows).toHaveLength(8);
    // the city admin covers its counties
    expect(await insert(U.jining, RENCHENG)).toBe(1);
    expect(await write(U.jining, `delete from public.inspection_checklist_items where region_code = $1 and code = 'night_care'`, [RENCHENG])).toBe(1);
  });

  it('refuses streets, changing region or code, and bad input, in Chinese', async () => {
    await refused(write(U.wenshang, `insert into public.inspection_checklist_items (region_code, code, title, requirement) values ('370830001000', 'night_care', '夜间照护', '不提供夜间寄宿照护')`),
      '23514', /只能按省、市、县区维护/);
    await write(U.wenshang, `insert into public.inspection_checklist_items (region_code, code, title, requirement) values ($1, 'night_care', '夜间照护', '不提供夜间寄宿照护')`, [WENSHANG]);
    await refused(write(U.wenshang, `update public.inspection_checklist_items set code = 'night' where region_code = $1 and code = 'night_care'`, [WENSHANG]),
      '23514', /区划和代码不能修改/);
    await refused(write(U.jining, `update public.inspection_checklist_items set region_code = $2 where region_code = $1 and code = 'night_care'`, [WENSHANG, RENCHENG]),
      '23514', /区划和代码不能修改/);
    await refused(write(U.wenshang, `insert into public.inspection_checklist_items (region_code, code, title, requirement) values ($1, 'night_care', '夜间照护', '重复')`, [WENSHANG]),
      '23505', /inspection_checklist_items_unique/);
    await refused(write(U.wenshang, `update public.inspection_checklist_items set title = ' ' where region_code = $1 and code = 'night_care'`, [WENSHANG]),
      '23514', /title/);
  });

  it('grants the menu: admins manage, inspectors view, operators and families neither', async () => {
    const permissions = async (who: string) => (await rpc<{ p: { permissions: string[] } }>(t.db, who, `select public.get_my_permissions() as p`)).p.permissions;
    for (const who of [U.wenshang, U.jining, U.province]) expect(await permissions(who)).toContain('checklist.manage');
    expect(await permissions(U.inspector)).toContain('checklist.view');
    expect(await permissions(U.inspector)).not.toContain('checklist.manage');
    for (const who of [U.opWenshang, U.familyZhang]) expect((await permissions(who)).filter((p) => p.startsWith('checklist.'))).toEqual([]);
  });
});
