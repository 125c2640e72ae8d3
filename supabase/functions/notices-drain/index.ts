/**
 * POST /functions/v1/notices-drain — sends the notices outbox as WeChat subscribe messages.
 * Service role only (a schedule calls it: pg_cron + pg_net on Supabase, `pnpm start` locally).
 *   1. lapse_overdue_offers(): offers past their deadline lapse, reminders 24 h before;
 *      queue_content_reminders(): events and expert consultations starting within 24 h, once each
 *   2. claim_notices(): lease due notices (skip locked; several drains never send one twice)
 *   3. subscribe/send per notice, template id by kind from WECHAT_TEMPLATES (JSON {kind: id})
 *   4. complete_notice(): sent / not subscribed / retry with backoff (the database decides)
 *   5. claim_messages(): SMS / e-mail to an address (invitations), posted as JSON {channel, to,
 *      subject, text} to MESSAGE_GATEWAY_URL (locally the WeChat stand-in's /__stand-in/outbound;
 *      in production an adapter for the SMS / mail provider); the link is ADMIN_PUBLIC_URL + page
 * Answers {claimed, sent, retrying, not_subscribed, failed, messages: {claimed, sent, retrying, failed}}.
 */
import { env, jwtSecret, requireEnv, wechatConfig } from '../_shared/env.ts';
import { bearer, verifyJwt } from '../_shared/jwt.ts';
import { fail, json, serviceFetch } from '../_shared/http.ts';

interface Claimed { id: number; kind: string; openid: string | null; page: string | null; data: Record<string, string>; title: string; body: string }

/** Template fields: thing (≤20 characters) as WeChat's templates limit them. */
function templateData(n: Claimed): Record<string, { value: string }> {
  const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  return { thing1: { value: cut(n.title, 20) }, thing2: { value: cut(n.body, 20) } };
}

function templates(): Record<string, string> {
  try {
    return JSON.parse(env('WECHAT_TEMPLATES') ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

async function rpc<T>(name: string, args: Record<string, unknown>): Promise<T> {
  const res = await serviceFetch(`/rest/v1/rpc/${name}`, {
    baseUrl: requireEnv('SUPABASE_URL'), serviceKey: requireEnv('SUPABASE_SERVICE_ROLE_KEY'), method: 'POST', body: JSON.stringify(args),
  });
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? null : await res.json()) as T;
}

interface ClaimedMessage { id: number; channel: string; address: string; title: string; body: string; page: string | null }

/** SMS and e-mail (to an address, no account yet) through the message gateway. */
async function sendMessages(): Promise<{ claimed: number; sent: number; retrying: number; failed: number }> {
  const claimed = await rpc<ClaimedMessage[]>('claim_messages', { max_rows: 50 });
  const counts = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };
  const gateway = env('MESSAGE_GATEWAY_URL');
  const base = (env('ADMIN_PUBLIC_URL') ?? '').replace(/\/+$/, '');
  for (const m of claimed) {
    let errcode = 0;
    let error: string | undefined;
    if (!gateway) {
      errcode = -1;
      error = 'MESSAGE_GATEWAY_URL 未配置';
    } else {
      try {
        const res = await fetch(gateway, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel: m.channel, to: m.address, subject: m.title, text: m.page ? `${m.body} 链接：${base}${m.page}` : m.body }),
        });
        if (!res.ok) {
          errcode = -1;
          error = `gateway ${res.status} ${(await res.text()).slice(0, 200)}`;
        }
      } catch (e) {
        errcode = -1;
        error = String(e);
      }
    }
    const status = await rpc<string | null>('complete_notice', { notice: m.id, errcode, error: error ?? null });
    if (status === 'sent') counts.sent++;
    else if (status === 'failed') counts.failed++;
    else counts.retrying++;
  }
  return counts;
}

export default async function handler(req: Request): Promise<Response> {
  if (req.method !== 'POST') return fail(405, 'method_not_allowed', '请使用 POST');
  const token = bearer(req);
  const check = token ? await verifyJwt(token, jwtSecret()) : null;
  if (!check?.ok || check.claims.role !== 'service_role') return fail(403, 'forbidden', '只有服务端可以发送消息');

  await rpc<number>('lapse_overdue_offers', {});
  await rpc<number>('queue_content_reminders', {});
  const messages = await sendMessages();
  const claimed = await rpc<Claimed[]>('claim_notices', { max_rows: 50 });
  const counts = { claimed: claimed.length, sent: 0, retrying: 0, not_subscribed: 0, failed: 0, messages };
  if (claimed.length === 0) return json(200, counts);

  const wx = wechatConfig();
  let accessToken: string | undefined;
  try {
    const res = await fetch(`${wx.apiBase}/cgi-bin/stable_token`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: wx.appId, secret: wx.secret }),
    });
    accessToken = ((await res.json()) as { access_token?: string }).access_token;
  } catch {
    accessToken = undefined;
  }
  const ids = templates();
  for (const n of claimed) {
    let errcode: number;
    let error: string | undefined;
    if (!n.openid) {
      errcode = 43101;
      error = '该用户没有微信账号（仅站内消息）';
    } else if (!accessToken) {
      errcode = -1;
      error = 'stable_token 获取失败';
    } else {
      try {
        const res = await fetch(`${wx.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ touser: n.openid, template_id: ids[n.kind] ?? `dev-${n.kind}`, page: n.page ?? undefined,
            data: templateData(n), miniprogram_state: env('WECHAT_MINIPROGRAM_STATE') ?? 'formal', lang: 'zh_CN' }),
        });
        const body = (await res.json()) as { errcode?: number; errmsg?: string };
        errcode = body.errcode ?? (res.ok ? 0 : -1);
        error = body.errmsg;
      } catch (e) {
        errcode = -1;
        error = String(e);
      }
    }
    const status = await rpc<string | null>('complete_notice', { notice: n.id, errcode, error: error ?? null });
    if (status === 'sent') counts.sent++;
    else if (status === 'not_subscribed') counts.not_subscribed++;
    else if (status === 'failed') counts.failed++;
    else counts.retrying++;
  }
  return json(200, counts);
}
