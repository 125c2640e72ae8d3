/**
 * Rate limit on looking a complaint up by tracking number + mobile (20261204012100_limit_complaint_lookups.sql):
 * complaint_reply and rate_complaint count wrong mobiles per tracking number and per caller (client
 * address from the request headers, or the account); at complaint_rules.lookup_failure_limit within
 * the window every lookup is refused — the right mobile too — with 54000 and a Chinese message.
 * Through supabase-js against the local stack, as the mini-program calls it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startLocalSupabase, type LocalSupabase } from '@tuoyu/local-supabase';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { SEEDED, demo } from '../filings/support.ts';

let t: TestDatabase;
let stack: LocalSupabase;

/** An anonymous client calling from `address` (X-Forwarded-For, as the gateway in front of PostgREST sets it). */
function from(address: string): SupabaseClient {
  return createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
    global: { headers: { 'x-forwarded-for': address } },
  });
}

async function complaintBy(mobile: string): Promise<string> {
  const { data, error } = await from('10.0.0.1').rpc('submit_complaint', {
    idempotency_key: randomUUID(), category: 'fee_dispute', description: '退费迟迟不办理，已经拖了两个月',
    institution_id: SEEDED.aiXin, contact_mobile: mobile,
  });
  if (error) throw error;
  return (data as { tracking_no: string }[])[0]!.tracking_no;
}
const reply = (c: SupabaseClient, trackingNo: string, mobile: string) => c.rpc('complaint_reply', { tracking_no: trackingNo, contact_mobile: mobile });

beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  stack = await startLocalSupabase({ workdir: REPO_ROOT, db: t.db, port: 0, seed: 'never', log: false, auth: { bcryptCost: 4 } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await t?.drop();
});

describe('complaint_reply lookups', () => {
  it('the right mobile first works; after 5 wrong ones the number is refused, the right mobile too', async () => {
    const no = await complaintBy('13822223333');
    const right = await reply(from('10.0.1.1'), no, '13822223333');
    expect(right.error).toBeNull();
    expect(right.data).toMatchObject({ tracking_no: no, status: 'submitted' });
    // wrong mobiles from different addresses: each answers "no match" (null) until the limit
    for (let i = 0; i < 5; i++) {
      const wrong = await reply(from(`10.0.2.${i}`), no, `1390000000${i}`);
      expect(wrong.error).toBeNull();
      expect(wrong.data).toBeNull();
    }
    const refused = await reply(from('10.0.3.1'), no, '13822223333');
    expect(refused.data).toBeNull();
    expect(refused.error).toMatchObject({ code: '54000', message: expect.stringMatching(/手机号错误次数过多，请60分钟后再试/) });
    expect(refused.status).toBe(503);
    // rating is the same lookup
    const rate = await from('10.0.3.2').rpc('rate_complaint', { tracking_no: no, rating: 5, contact_mobile: '13822223333' });
    expect(rate.error).toMatchObject({ code: '54000' });
    // the window is data: once the failures are older than it, the complainant gets in again
    await t.db.query(`update private.complaint_lookup_failures set created_at = created_at - interval '61 minutes' where tracking_no = $1`, [no]);
    expect((await reply(from('10.0.3.1'), no, '13822223333')).data).toMatchObject({ tracking_no: no });
  });

  it('one caller guessing across tracking numbers is refused after 5 wrong mobiles; other callers are not', async () => {
    const numbers = await Promise.all(['13833334444', '13833335555'].map(complaintBy));
    const guesser = from('10.9.9.9');
    for (let i = 0; i < 5; i++) expect((await reply(guesser, `TS20990101${String(i).padStart(8, '0')}`, '13900000000')).data).toBeNull();
    expect((await reply(guesser, numbers[0]!, '13833334444')).error).toMatchObject({ code: '54000' });
    expect((await reply(from('10.8.8.8'), numbers[0]!, '13833334444')).data).toMatchObject({ tracking_no: numbers[0] });
    expect((await reply(from('10.8.8.8'), numbers[1]!, '13833335555')).data).toMatchObject({ tracking_no: numbers[1] });
  });

  it('rate_complaint: a wrong mobile answers null and counts; the signed-in complainant is never limited', async () => {
    const family = createClient(stack.url, stack.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
    });
    const email = 'family.zhang@demo.tuoyu.cn';
    expect((await family.auth.signInWithPassword({ email, password: demo(email).password })).error).toBeNull();
    const { data } = await family.rpc('submit_complaint', {
      idempotency_key: randomUUID(), category: 'fee_dispute', description: '退费迟迟不办理，已经拖了两个月', institution_id: SEEDED.aiXin,
      contact_mobile: '13844445555',
    });
    const no = (data as { tracking_no: string }[])[0]!.tracking_no;
    for (let i = 0; i < 5; i++) {
      const wrong = await from(`10.0.4.${i}`).rpc('rate_complaint', { tracking_no: no, rating: 5, contact_mobile: `1390000001${i}` });
      expect(wrong.error).toBeNull();
      expect((wrong.data as { id: string | null } | null)?.id ?? null).toBeNull();
    }
    expect((await reply(from('10.0.4.9'), no, '13844445555')).error).toMatchObject({ code: '54000' });
    const own = await family.rpc('complaint_reply', { tracking_no: no });
    expect(own.error).toBeNull();
    expect(own.data).toMatchObject({ tracking_no: no });
  });
});
