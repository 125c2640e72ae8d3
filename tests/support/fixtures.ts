/**
 * The one home of test fixtures: the demo personas (supabase/demo-accounts.json, written with the
 * demo seed) and the ids of seeded rows (supabase/seed.sql). RLS, integration and browser tests
 * all import them from here. Adding a persona: add the account to the seed and demo-accounts.json,
 * then its key to `P` below (and its rows to tests/rls/matrix.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
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

export const DEMO_ACCOUNTS_FILE = path.join(REPO_ROOT, 'supabase', 'demo-accounts.json');

export const DEMO_ACCOUNTS: DemoAccount[] = JSON.parse(readFileSync(DEMO_ACCOUNTS_FILE, 'utf8')) as DemoAccount[];

/** The demo account with this e-mail (throws when the seed has none). */
export function demoAccount(email: string): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  return account;
}

/** User ids of the demo personas. */
export const P = {
  province: demoAccount('province.shandong@demo.tuoyu.cn').user_id,
  jining: demoAccount('city.jining@demo.tuoyu.cn').user_id,
  jinan: demoAccount('city.jinan@demo.tuoyu.cn').user_id,
  wenshang: demoAccount('county.wenshang@demo.tuoyu.cn').user_id,
  rencheng: demoAccount('county.rencheng@demo.tuoyu.cn').user_id,
  yuzhong: demoAccount('county.yuzhong@demo.tuoyu.cn').user_id,
  inspector: demoAccount('inspector.wenshang@demo.tuoyu.cn').user_id,
  community: demoAccount('community.zhongdu@demo.tuoyu.cn').user_id,
  opWenshang: demoAccount('operator.wenshang@demo.tuoyu.cn').user_id,
  opRencheng: demoAccount('operator.rencheng@demo.tuoyu.cn').user_id,
  familyZhang: demoAccount('family.zhang@demo.tuoyu.cn').user_id,
  familyLi: demoAccount('family.li@demo.tuoyu.cn').user_id,
} as const;
export type PersonaName = keyof typeof P | 'anon' | 'service';
/** Every persona the RLS matrix checks (the service role bypasses RLS and is not among them). */
export const PERSONAS: PersonaName[] = [...(Object.keys(P) as (keyof typeof P)[]), 'anon'];

/** Seeded institutions. */
export const I = {
  aiXin: '10000000-0000-4000-8000-000000000001', // 汶上县爱心托育中心, 中都街道, operator opWenshang, filed 37083020240001
  homeBased: '10000000-0000-4000-8000-000000000002', // 汶上县小太阳家庭托育点, filed
  nanZhan: '10000000-0000-4000-8000-000000000003', // 汶上县南站街道宝贝托育园, draft, filing submitted
  jinCheng: '10000000-0000-4000-8000-000000000004', // 济宁市任城区金城托育中心, operator opRencheng, filed
  xianYing: '10000000-0000-4000-8000-000000000005', // 任城, filed
  jieFangBei: '10000000-0000-4000-8000-000000000006', // 渝中, filed
  quanCheng: '10000000-0000-4000-8000-000000000007', // 济南 历下, filed
  zhengzhou: '10000000-0000-4000-8000-000000000008', // 郑州 金水, filed
  kangYi: '10000000-0000-4000-8000-000000000009', // 汶上县康驿镇启蒙托育园, draft, filing returned
} as const;

/** Seeded filings. */
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

/** Region codes the tests use. */
export const R = {
  jining: '370800000000', // 济宁市
  wenshang: '370830000000', // 汶上县
  zhongduStreet: '370830001000', // 汶上县中都街道
  rencheng: '370811000000', // 任城区
  jinchengStreet: '370811008000', // 任城区金城街道
} as const;
