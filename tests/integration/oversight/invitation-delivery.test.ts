/**
 * Invitation delivery through the notices outbox (20261204012200_deliver_institution_invitations.sql):
 * a mobile or e-mail invitee gets an SMS / e-mail notice with the /invite/<code> link; the service role
 * claims it (claim_messages, never claim_notices) and completes it; the admins see 待发送 / 已发送 in
 * invitation_deliveries(); the code leaves the outbox once final; resend and revoke cancel the old
 * message. Nobody but the service role reads or claims the messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSupabase, type LocalSupabase } from '@tuoyu/local-supabase';
import { runAs } from '@tuoyu/local-supabase/request-context.ts';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@tuoyu/local-supabase/testing.ts';
import { startWechatStandIn, type WechatStandIn } from '@tuoyu/wechat-stand-in';
import { SEEDED, U, actAs, refused, rpc } from '../filings/support.ts';
import { setEnv } from '../../support/env.ts';

let t: TestDatabase;
let wx: WechatStandIn;
let stack: LocalSupabase;
let restoreEnv: (() => void) | undefined;
beforeAll(async () => {
  t = await createTestDatabase({ seed: true });
  // notices-drain reads its settings from the environment (the same Deno.env shim as on Supabase)
  wx = await startWechatStandIn({ appId: 'wxtest0000000002', secret: 'test-secret' });
  restoreEnv = setEnv({ WECHAT_API_BASE: wx.url, WECHAT_APP_ID: wx.appId, WECHAT_APP_SECRET: wx.secret,
    MESSAGE_GATEWAY_URL: `${wx.url}/__stand-in/outbound`, ADMIN_PUBLIC_URL: 'https://admin.tuoyu.example' });
  stack = await startLocalSupabase({ workdir: REPO_ROOT, db: t.db, port: 0, seed: 'never', log: false, auth: { bcryptCost: 4 } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await wx?.stop();
  await t?.drop();
  restoreEnv?.();
});

type Issued = { invitation_id: string; code: string };
type Claimed = { id: number; kind: string; channel: string; address: string; title: string; body: string; page: string; attempts: number };
const invite = (who: string, invitee: string, role = 'staff') =>
  rpc<Issued>(t.db, who, `select * from public.create_institution_invitation($1, $2, $3)`, [SEEDED.aiXin, invitee, role]);
const service = <T>(sql: string, params: unknown[] = []) =>
  runAs(t.db, { role: 'service_role', claims: { role: 'service_role' } }, async (q) => (await q.query<T>(sql, params)).rows);
const claim = () => service<Claimed>(`select * from public.claim_messages(50)`);
const complete = (id: number, errcode: number) => service<{ s: string }>(`select public.complete_notice($1, $2, $3) as s`, [id, errcode, errcode ? '网关超时' : null]);
const deliveries = (who: string) =>
  actAs(t.db, who, async (q) => (await q.query<{ invitation_id: string; channel: string; delivery_status: string }>(`select * from public.invitation_deliveries()`)).rows);
const messageOf = async (invitation: string) =>
  (await t.db.query<{ body: string; page: string; delivery_status: string; last_error: string | null }>(
    `select body, page, delivery_status::text, last_error from public.notices where invitation_id = $1 order by id`, [invitation])).rows;

describe('invitation messages', () => {
  it('an SMS with the link is queued, claimed by the service role, sent; the admin sees 已发送 and the code leaves the outbox', async () => {
    const issued = await invite(U.wenshang, '13900002222', 'owner');
    const [queued] = await messageOf(issued.invitation_id);
    expect(queued).toMatchObject({ delivery_status: 'pending', page: `/invite/${issued.code}` });
    expect(queued!.body).toContain(issued.code);
    expect(queued!.body).toMatch(/机构负责人/);
    expect((await deliveries(U.wenshang)).find((d) => d.invitation_id === issued.invitation_id)).toMatchObject({ channel: 'sms', delivery_status: 'pending' });

    // the WeChat drain does not take it; the message drain does
    expect((await service<{ page: string | null }>(`select page from public.claim_notices(200)`)).map((n) => n.page)).not.toContain(`/invite/${issued.code}`);
    const claimed = (await claim()).filter((m) => m.page === `/invite/${issued.code}`);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ kind: 'institution_invitation', channel: 'sms', address: '13900002222', title: '托育机构账号邀请' });
    expect(await claim()).toEqual([]); // leased
    expect(await complete(claimed[0]!.id, 0)).toEqual([{ s: 'sent' }]);
    expect((await deliveries(U.wenshang)).find((d) => d.invitation_id === issued.invitation_id)?.delivery_status).toBe('sent');
    const [sent] = await messageOf(issued.invitation_id);
    expect(sent!.body).not.toContain(issued.code);
    expect(sent!.page).toBe('/invite');
    // the code still works for the invitee
    expect((await t.db.query(`select 1 from public.institution_invitations where code_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [issued.code])).rows).toHaveLength(1);
  });

  it('e-mail invitees get an e-mail; a name gets nothing (handed over in person); failures retry', async () => {
    const mail = await invite(U.opWenshang, 'teacher.li@example.cn');
    expect(await messageOf(mail.invitation_id)).toEqual([expect.objectContaining({ delivery_status: 'pending' })]);
    const inPerson = await invite(U.opWenshang, '李老师');
    expect(await messageOf(inPerson.invitation_id)).toEqual([]);
    const [m] = (await claim()).filter((x) => x.address === 'teacher.li@example.cn');
    expect(m).toMatchObject({ channel: 'email' });
    expect(await complete(m!.id, -1)).toEqual([{ s: 'retrying' }]);
    // the owner who invited sees it too
    expect((await deliveries(U.opWenshang)).find((d) => d.invitation_id === mail.invitation_id)?.delivery_status).toBe('retrying');
    expect((await messageOf(mail.invitation_id))[0]!.body).toContain(mail.code); // kept until final
  });

  it('resend queues a new message and gives up the old one; revoke gives up the unsent one', async () => {
    const first = await invite(U.wenshang, '13900003333');
    const again = await rpc<Issued>(t.db, U.wenshang, `select * from public.resend_institution_invitation($1)`, [first.invitation_id]);
    const messages = await messageOf(first.invitation_id);
    expect(messages.map((m) => m.delivery_status)).toEqual(['failed', 'pending']);
    expect(messages[0]).toMatchObject({ last_error: '邀请已重发，原邀请码作废', page: '/invite' });
    expect(messages[0]!.body).not.toContain(first.code);
    expect(messages[1]!.page).toBe(`/invite/${again.code}`);
    await rpc(t.db, U.wenshang, `select public.revoke_institution_invitation($1)`, [first.invitation_id]);
    expect((await messageOf(first.invitation_id)).map((m) => [m.delivery_status, m.last_error])).toEqual([
      ['failed', '邀请已重发，原邀请码作废'], ['failed', '邀请已撤回']]);
  });

  it('only the service role claims; other counties, operators of other institutions and families see no deliveries', async () => {
    const issued = await invite(U.wenshang, '13900004444');
    for (const who of [U.wenshang, U.opWenshang, U.familyZhang]) {
      await refused(rpc(t.db, who, `select * from public.claim_messages(10)`), '42501', /permission denied/);
    }
    for (const who of [U.rencheng, U.opRencheng, U.familyZhang, U.inspector, U.jining]) {
      expect((await deliveries(who)).map((d) => d.invitation_id)).not.toContain(issued.invitation_id);
    }
    // the outbox rows are not readable through the API, not even by the inviting county
    const visible = await actAs(t.db, U.wenshang, async (q) => (await q.query(`select id from public.notices where institution_id is null and recipient_id is null`)).rows);
    expect(visible).toEqual([]);
  });
});

describe('notices-drain delivers them', () => {
  it('posts the SMS with the full link to the gateway and marks it sent; a gateway failure is retried', async () => {
    const drain = async () => {
      const res = await fetch(`${stack.url}/functions/v1/notices-drain`, {
        method: 'POST', headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.serviceRoleKey}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { messages: Record<string, number> }).messages;
    };
    await drain(); // whatever earlier tests left queued
    const issued = await invite(U.wenshang, '13900005555', 'owner');
    expect(await drain()).toMatchObject({ claimed: 1, sent: 1 });
    const sms = wx.outbound().filter((m) => m.to === '13900005555');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms', subject: '托育机构账号邀请' });
    expect(sms[0]!.text).toContain(`https://admin.tuoyu.example/invite/${issued.code}`);
    expect((await deliveries(U.wenshang)).find((d) => d.invitation_id === issued.invitation_id)?.delivery_status).toBe('sent');

    // the gateway is down: retried with backoff, the code kept until it goes out
    process.env.MESSAGE_GATEWAY_URL = `${wx.url}/__stand-in/nowhere`;
    const second = await invite(U.wenshang, 'owner.new@example.cn', 'owner');
    expect(await drain()).toMatchObject({ claimed: 1, retrying: 1 });
    expect((await messageOf(second.invitation_id))[0]).toMatchObject({ delivery_status: 'retrying', page: `/invite/${second.code}` });
    process.env.MESSAGE_GATEWAY_URL = `${wx.url}/__stand-in/outbound`;
    await t.db.query(`update public.notices set next_attempt_at = now() where invitation_id = $1`, [second.invitation_id]);
    expect(await drain()).toMatchObject({ claimed: 1, sent: 1 });
    expect(wx.outbound().filter((m) => m.to === 'owner.new@example.cn').map((m) => m.channel)).toEqual(['email']);
  });
});
