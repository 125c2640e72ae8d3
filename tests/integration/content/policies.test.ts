/**
 * Policies (issue 14, F1): which policies apply where, Chinese search that finds "托育补贴" in a
 * policy's text on both databases, tags, subsidy amounts; authored only by admins of that level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { actAs, anon, refused, U } from '../filings/support.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
});
afterAll(async () => {
  await t?.drop();
});

const ZHONGDU = '370830001000';
const JIEFANGBEI = '500103003000';
const titles = async (region: string, q: string | null = null, tag: string | null = null) =>
  (await anon(t.db, (db) => db.query<{ title: string; level: string; region_code: string | null }>(`select title, level, region_code from public.policies_for_region($1, $2, $3)`, [region, q, tag]))).rows;

describe('policies that apply where the family is', () => {
  it('汶上: national + 山东 + 济宁 + 汶上, newest first; 重庆 sees none of Shandong', async () => {
    const wenshang = await titles(ZHONGDU);
    expect(new Set(wenshang.map((p) => p.level))).toEqual(new Set(['national', 'province', 'city', 'county']));
    const chongqing = await titles(JIEFANGBEI);
    expect(chongqing.filter((p) => p.region_code?.startsWith('37'))).toEqual([]);
    expect(chongqing.some((p) => p.region_code === '500000000000')).toBe(true);
    expect(chongqing.length).toBeGreaterThan(0);
  });
  it('Chinese search finds 托育补贴 in the full text; a tag filters', async () => {
    const found = await titles(ZHONGDU, '托育补贴');
    expect(found.length).toBeGreaterThan(0);
    const body = (await t.db.query<{ n: number }>(
      `select count(*)::int as n from public.policies where body like '%托育补贴%' and title not like '%托育补贴%'`)).rows[0]!.n;
    expect(body).toBeGreaterThan(0); // found through the text, not only the title
    expect(await titles(ZHONGDU, '不存在的词语甲乙丙')).toEqual([]);
    expect(await titles(ZHONGDU, '100%')).toEqual([]); // wildcards are literal
    const subsidy = await titles(ZHONGDU, null, '补贴');
    expect(subsidy.length).toBeGreaterThan(0);
    expect(subsidy.length).toBeLessThan((await titles(ZHONGDU)).length);
  });
  it('a 补贴 policy carries its amounts as a table', async () => {
    const rows = (await anon(t.db, (db) => db.query<{ item: string; amount_yuan: string }>(
      `select a.item, a.amount_yuan from public.policy_subsidy_amounts a join public.policies p on p.id = a.policy_id where '补贴' = any (p.tags)`))).rows;
    expect(rows.length).toBeGreaterThanOrEqual(3);
  });
  it('unknown region and over-long words are refused in Chinese', async () => {
    await refused(titles('999999999999'), '22023', /区划代码不存在/);
    await refused(titles(ZHONGDU, '托'.repeat(51)), '22023', /不能超过50个字/);
  });
});

describe('authoring by admins of that level', () => {
  const insert = (who: string, level: string, region: string | null) => actAs(t.db, who, (q) => q.query(
    `insert into public.policies (title, issuing_body, level, region_code, issued_on, body, published_at)
     values ('测试政策文件', '测试机关', $1, $2, '2025-01-01', '<p>正文</p>', now()) returning id`, [level, region]));
  it('the 汶上 county admin writes 汶上 county policies; plain text stored', async () => {
    const { rows } = await insert(U.wenshang, 'county', '370830000000');
    const p = (await t.db.query<{ body: string }>(`select body from public.policies where id = $1`, [(rows[0] as { id: string }).id])).rows[0]!;
    expect(p.body).toBe('正文');
  });
  it('forbidden: another county, a city policy by a county admin, national by anyone, families', async () => {
    await refused(insert(U.rencheng, 'county', '370830000000'), '42501', /row-level security/);
    await refused(insert(U.wenshang, 'city', '370800000000'), '42501', /row-level security/);
    await refused(insert(U.province, 'national', null), '42501', /row-level security/);
    await refused(insert(U.familyZhang, 'county', '370830000000'), '42501', /row-level security/);
    await refused(insert(U.jining, 'county', '370800000000'), '23514', /区划/);
  });
});
