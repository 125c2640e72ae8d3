/**
 * WeChat login (issue 12 §1) and the notices drain (§5) through the real local stack and the
 * WeChat stand-in: codes of `dev:<name>` give stable, distinct families; unknown and replayed codes,
 * expired and forged tokens are refused; the token works with supabase-js under RLS; the verified
 * phone reaches only the institutions the family asks; notices are sent, retried and recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Database as Schema } from '@tuoyu/db-types';
import { startLocalSupabase, type LocalSupabase } from '@tuoyu/local-supabase';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { devOpenid, startWechatStandIn, type WechatStandIn } from '@tuoyu/wechat-stand-in';
import { signJwt } from '../../../supabase/functions/_shared/jwt.ts';
import { CHILD_NOTICE, CLASS, INST, USERS, act, birthDateMonthsAgo } from './support.ts';
import { setEnv } from '../../support/env.ts';

let t: TestDatabase;
let stack: LocalSupabase;
let wx: WechatStandIn;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  wx = await startWechatStandIn({ appId: 'wxtest0000000001', secret: 'test-secret' });
  restoreEnv = setEnv({
    WECHAT_API_BASE: wx.url,
    WECHAT_APP_ID: wx.appId,
    WECHAT_APP_SECRET: wx.secret,
    WECHAT_TEMPLATES: JSON.stringify({ offer_received: 'TPL-OFFER-RECEIVED' }),
  });
  t = await createTestDatabase({ seed: true });
  stack = await startLocalSupabase({ workdir: REPO_ROOT, db: t.db, port: 0 });
});
afterAll(async () => {
  await stack?.stop();
  await t?.drop();
  await wx?.stop();
  restoreEnv?.();
});

interface LoginBody {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  user?: { id: string; is_new: boolean };
  code?: string;
  message?: string;
}

async function login(code: string): Promise<{ status: number; body: LoginBody }> {
  const res = await fetch(`${stack.url}/functions/v1/wechat-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', apikey: stack.anonKey },
    body: JSON.stringify({ code }),
  });
  return { status: res.status, body: (await res.json()) as LoginBody };
}

function clientWith(token: string): SupabaseClient<Schema> {
  return createClient<Schema>(stack.url, stack.anonKey, {
    accessToken: async () => token,
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
}

describe('wechat-login', () => {
  it('dev:<name> always maps to the same family; other names are other families', async () => {
    const first = await login('dev:wang');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 3600, user: { is_new: true } });
    expect(JSON.stringify(first.body)).not.toContain('session_key');
    const again = await login('dev:wang:second-login');
    expect(again.body.user).toEqual({ ...first.body.user, is_new: false });
    const other = await login('dev:zhao');
    expect(other.body.user!.id).not.toBe(first.body.user!.id);
    const rows = await t.db.query<{ openid: string; unionid: string }>(`select openid, unionid from public.wechat_identities where user_id = $1`, [first.body.user!.id]);
    expect(rows.rows[0]!.openid).toBe(devOpenid(wx.appId, 'wang'));
    expect(rows.rows[0]!.unionid).toMatch(/^u/);
  });

  it('the token is accepted by Supabase as the family (RLS applies)', async () => {
    const { body } = await login('dev:sun');
    const family = clientWith(body.access_token!);
    const perms = await family.rpc('get_my_permissions');
    expect((perms.data as { user_id: string }).user_id).toBe(body.user!.id);
    expect((await family.rpc('give_consent', { notice_version: CHILD_NOTICE })).error).toBeNull();
    const child = await family.from('children').insert({ name: '孙小果', birth_date: birthDateMonthsAgo(20), sex: 'male' }).select('id').single();
    expect(child.error).toBeNull();
    const theirs = await family.from('children').select('id').eq('id', '60000000-0000-4000-8000-000000000001');
    expect(theirs.data).toEqual([]); // 张女士's child
  });

  it('refuses unknown and replayed codes with a Chinese message', async () => {
    const unknown = await login('not-a-wechat-code');
    expect(unknown).toEqual({ status: 400, body: { code: 'invalid_code', message: '登录凭证无效或已使用，请重新登录' } });
    expect((await login('dev:qian:once')).status).toBe(200);
    const replay = await login('dev:qian:once');
    expect(replay).toEqual({ status: 400, body: { code: 'invalid_code', message: '登录凭证无效或已使用，请重新登录' } });
    const empty = await fetch(`${stack.url}/functions/v1/wechat-login`, { method: 'POST', headers: { apikey: stack.anonKey }, body: '{}' });
    expect(empty.status).toBe(400);
  });

  it('refuses expired and forged tokens', async () => {
    const { body } = await login('dev:zhou');
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: body.user!.id, role: 'authenticated', aud: 'authenticated', iat: now - 7200, exp: now - 3600 };
    const expired = await signJwt(claims, stack.jwtSecret);
    const res = await fetch(`${stack.url}/rest/v1/children?select=id`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${expired}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('PGRST303');
    const forged = await signJwt({ ...claims, exp: now + 3600 }, 'not-the-project-secret-but-32-characters');
    const res2 = await fetch(`${stack.url}/rest/v1/children?select=id`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${forged}` } });
    expect(res2.status).toBe(401);
    const phone = await fetch(`${stack.url}/functions/v1/wechat-login`, {
      method: 'POST', headers: { apikey: stack.anonKey, authorization: `Bearer ${expired}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone_code: 'dev-phone:13800001111' }),
    });
    // verify_jwt is off for wechat-login: the function itself refuses the expired token
    expect(phone.status).toBe(401);
  });

  it('stores the verified phone; only the institution asked sees it', async () => {
    const { body } = await login('dev:wu');
    const share = await fetch(`${stack.url}/functions/v1/wechat-login`, {
      method: 'POST', headers: { apikey: stack.anonKey, authorization: `Bearer ${body.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone_code: 'dev-phone:13800001111' }),
    });
    expect(await share.json()).toEqual({ phone: '138****1111', verified: true });
    const user = body.user!.id;
    await act(t.db, user, `select public.give_consent($1)`, [CHILD_NOTICE]);
    const [kid] = await act<{ id: string }>(t.db, user, `insert into public.children (name, birth_date, sex) values ('吴小米', $1, 'female') returning id`, [birthDateMonthsAgo(18)]);
    const next = new Date(); next.setUTCDate(1); next.setUTCMonth(next.getUTCMonth() + 1);
    await act(t.db, user, `select public.request_enrollment($1, $2, 'toddler', 'full_day', $3)`, [kid!.id, INST.aiXin, next.toISOString().slice(0, 10)]);
    const seen = await act<{ guardian_phone: string }>(t.db, USERS.opWenshang, `select guardian_phone from public.enrollment_requests where child_id = $1`, [kid!.id]);
    expect(seen).toEqual([{ guardian_phone: '13800001111' }]);
    expect(await act(t.db, USERS.opRencheng, `select guardian_phone from public.enrollment_requests where child_id = $1`, [kid!.id])).toEqual([]);
  });
});

describe('notices-drain', () => {
  async function drain(key = stack.serviceRoleKey) {
    const res = await fetch(`${stack.url}/functions/v1/notices-drain`, { method: 'POST', headers: { apikey: stack.anonKey, authorization: `Bearer ${key}` } });
    return { status: res.status, body: (await res.json()) as Record<string, number> };
  }

  it('sends subscribe messages through the WeChat API, retries failures, never for anyone but the service role', async () => {
    expect((await drain(stack.anonKey)).status).toBe(403);
    const { body } = await login('dev:zheng');
    const user = body.user!.id;
    await act(t.db, user, `select public.give_consent($1)`, [CHILD_NOTICE]);
    const [kid] = await act<{ id: string }>(t.db, user, `insert into public.children (name, birth_date, sex) values ('郑小北', $1, 'male') returning id`, [birthDateMonthsAgo(18)]);
    const next = new Date(); next.setUTCDate(1); next.setUTCMonth(next.getUTCMonth() + 1);
    const [req] = await act<{ id: string }>(t.db, user, `select id from public.request_enrollment($1, $2, 'toddler', 'full_day', $3)`,
      [kid!.id, INST.jinCheng, next.toISOString().slice(0, 10)]);
    await act(t.db, USERS.opRencheng, `select public.offer_place($1, $2)`, [req!.id, CLASS.jinChengToddler]);
    await drain(); // whatever the seed and other tests queued

    // the next offer: WeChat is rate-limited once, then the retry succeeds
    await act(t.db, user, `select public.decline_offer($1)`, [req!.id]);
    const [req2] = await act<{ id: string }>(t.db, user, `select id from public.request_enrollment($1, $2, 'toddler', 'full_day', $3)`,
      [kid!.id, INST.aiXin, next.toISOString().slice(0, 10)]);
    await act(t.db, USERS.opWenshang, `select public.offer_place($1, $2)`, [req2!.id, CLASS.aiXinToddler]);
    await fetch(`${wx.url}/__stand-in/fail-next`, { method: 'POST', body: JSON.stringify({ errcode: 45011, count: 1 }) });
    const first = await drain();
    expect(first.body).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    const [row] = (await t.db.query(`select delivery_status, attempts from public.notices where request_id = $1 and kind = 'offer_received'`, [req2!.id])).rows;
    expect(row).toEqual({ delivery_status: 'retrying', attempts: 1 });
    await t.db.query(`update public.notices set next_attempt_at = now() where request_id = $1`, [req2!.id]);
    expect((await drain()).body).toMatchObject({ claimed: 1, sent: 1 });

    const messages = (await (await fetch(`${wx.url}/__stand-in/messages`)).json()) as Array<{ touser: string; template_id: string; errcode: number; data: Record<string, { value: string }> }>;
    const mine = messages.filter((m) => m.touser === devOpenid(wx.appId, 'zheng') && m.template_id === 'TPL-OFFER-RECEIVED');
    expect(mine.map((m) => m.errcode)).toEqual([0, 45011, 0]);
    expect(mine.at(-1)!.data.thing1!.value).toBe('收到录取通知');
  });
});
