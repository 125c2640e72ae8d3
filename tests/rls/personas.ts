/**
 * Demo personas of supabase/demo-accounts.json (+ anon) and a helper to act as one of them in a
 * transaction that is rolled back, so every check starts from the seeded state.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database, Queryable } from '@tuoyu/local-supabase/db/types.ts';
import { runAs } from '@tuoyu/local-supabase/request-context.ts';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';

export interface DemoAccount {
  email: string;
  password: string;
  role: 'province_admin' | 'city_admin' | 'county_admin' | 'inspector' | 'community_worker' | 'operator' | 'family';
  user_id: string;
  region_code: string;
  region_name: string;
  institution?: { id: string; name: string };
  description_zh: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'supabase', 'demo-accounts.json'), 'utf8'),
) as DemoAccount[];

function idOf(email: string): string {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  return account.user_id;
}

export const P = {
  province: idOf('province.shandong@demo.tuoyu.cn'),
  jining: idOf('city.jining@demo.tuoyu.cn'),
  jinan: idOf('city.jinan@demo.tuoyu.cn'),
  wenshang: idOf('county.wenshang@demo.tuoyu.cn'),
  rencheng: idOf('county.rencheng@demo.tuoyu.cn'),
  yuzhong: idOf('county.yuzhong@demo.tuoyu.cn'),
  inspector: idOf('inspector.wenshang@demo.tuoyu.cn'),
  community: idOf('community.zhongdu@demo.tuoyu.cn'),
  opWenshang: idOf('operator.wenshang@demo.tuoyu.cn'),
  opRencheng: idOf('operator.rencheng@demo.tuoyu.cn'),
  familyZhang: idOf('family.zhang@demo.tuoyu.cn'),
  familyLi: idOf('family.li@demo.tuoyu.cn'),
} as const;
export type PersonaName = keyof typeof P | 'anon' | 'service';
export const PERSONAS: PersonaName[] = [...(Object.keys(P) as (keyof typeof P)[]), 'anon'];

/** Seeded ids. */
export const I = {
  aiXin: '10000000-0000-4000-8000-000000000001', // 汶上 中都街道, operator opWenshang, filed
  homeBased: '10000000-0000-4000-8000-000000000002', // 汶上 家庭托育点, filed
  nanZhan: '10000000-0000-4000-8000-000000000003', // 汶上, draft, filing submitted
  jinCheng: '10000000-0000-4000-8000-000000000004', // 任城, operator opRencheng, filed
  xianYing: '10000000-0000-4000-8000-000000000005', // 任城, filed
  jieFangBei: '10000000-0000-4000-8000-000000000006', // 渝中, filed
  quanCheng: '10000000-0000-4000-8000-000000000007', // 济南 历下, filed
  zhengzhou: '10000000-0000-4000-8000-000000000008', // 郑州 金水, filed
  kangYi: '10000000-0000-4000-8000-000000000009', // 汶上 康驿镇, draft, filing returned
} as const;

/** Seeded children (issue 12). */
export const C = {
  xiaoman: '60000000-0000-4000-8000-000000000001', // 张小满 (张女士), pending request at 爱心
  xiaohe: '60000000-0000-4000-8000-000000000002', // 张小禾 (张女士), placed at 爱心, ID number on file
  yinuo: '60000000-0000-4000-8000-000000000003', // 李一诺 (李先生), visit booked at 解放碑
} as const;

export const F = {
  aiXinApproved: '40000000-0000-4000-8000-000000000001',
  aiXinChangeDraft: '40000000-0000-4000-8000-000000000002',
  nanZhanSubmitted: '40000000-0000-4000-8000-000000000003',
  jinChengApproved: '40000000-0000-4000-8000-000000000004',
  jinChengUnderReview: '40000000-0000-4000-8000-000000000005',
  kangYiReturned: '40000000-0000-4000-8000-000000000006',
} as const;

export interface Outcome<T = Record<string, unknown>> {
  rows: T[];
  rowCount: number;
  error?: { message: string; code?: string };
}

class Rollback extends Error {}

/** Run `fn` as the persona inside a transaction that is always rolled back. */
export async function as<T>(db: Database, who: PersonaName, fn: (q: Queryable) => Promise<T>): Promise<T> {
  const auth =
    who === 'anon' || who === 'service'
      ? { role: who === 'anon' ? 'anon' : 'service_role', claims: { role: who === 'anon' ? 'anon' : 'service_role' } }
      : { role: 'authenticated', claims: { sub: P[who], role: 'authenticated', aud: 'authenticated' } };
  let result: T | undefined;
  try {
    await runAs(db, auth, async (q) => {
      result = await fn(q);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

/** One statement as the persona (rolled back); errors are returned, not thrown. */
export async function run<T = Record<string, unknown>>(
  db: Database,
  who: PersonaName,
  sql: string,
  params: unknown[] = [],
): Promise<Outcome<T>> {
  return as(db, who, async (q) => {
    try {
      const r = await q.query<T>(sql, params);
      return { rows: r.rows, rowCount: r.rowCount };
    } catch (error) {
      const e = error as { message: string; code?: string };
      // the failed statement aborts the transaction; the rollback above cleans up
      return { rows: [], rowCount: 0, error: { message: e.message, code: e.code } };
    }
  });
}

/** Forbidden = refused by the database (error) or no row affected/visible. */
export function denied(o: Outcome): boolean {
  return o.error !== undefined || o.rowCount === 0;
}
