/**
 * A local stand-in of the WeChat server API (base URL = WECHAT_API_BASE), as far as Tuoyu uses it:
 *   GET  /sns/jscode2session                 code → {openid, session_key, unionid}; each code works once
 *   POST /cgi-bin/stable_token               → {access_token, expires_in: 7200} (the same until it expires)
 *   POST /wxa/business/getuserphonenumber    code of the getPhoneNumber button → phone_info
 *   POST /cgi-bin/message/subscribe/send     records the message (43101 for openids marked unsubscribed)
 * and, for developers and tests, under /__stand-in/:
 *   GET    messages        every subscribe message sent (newest last); DELETE clears them
 *   POST   unsubscribe     {openid}: later sends to it answer 43101
 *   POST   fail-next       {errcode, count}: the next `count` sends answer errcode (e.g. 45011)
 *   POST   outbound        the SMS / e-mail gateway stand-in (MESSAGE_GATEWAY_URL): {channel, to,
 *                          subject, text} is recorded; GET lists them (newest last), DELETE clears
 * Codes: `dev:<name>` or `dev:<name>:<anything>` always map to the same openid (and unionid) for
 * <name>, so demos and tests log in as many distinct families; every exact code works once (a
 * replay answers 40163), anything else answers 40029 (invalid code), as WeChat does. Phone codes:
 * `dev-phone:<11 digits>`.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WechatStandInOptions {
  port?: number;
  host?: string;
  appId?: string;
  secret?: string;
  /** Print one line per request. */
  log?: boolean;
}

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  at: string;
  errcode: number;
}

/** An SMS or e-mail handed to the message gateway stand-in (notices-drain, invitations). */
export interface OutboundMessage {
  channel: string;
  to: string;
  subject: string;
  text: string;
  at: string;
}

export interface WechatStandIn {
  url: string;
  appId: string;
  secret: string;
  /** Subscribe messages received (also the failed attempts, with their errcode). */
  messages(): SentMessage[];
  /** SMS and e-mail received by the gateway stand-in. */
  outbound(): OutboundMessage[];
  stop(): Promise<void>;
}

export const DEFAULT_APP_ID = 'wxdev0000tuoyu0000';
export const DEFAULT_SECRET = 'dev-secret-not-for-production';

/** The openid the stand-in gives `dev:<name>` for an app. */
export function devOpenid(appId: string, name: string): string {
  return 'o' + createHash('sha256').update(`${appId}:${name}`).digest('base64url').slice(0, 27);
}
function devUnionid(name: string): string {
  return 'u' + createHash('sha256').update(`union:${name}`).digest('base64url').slice(0, 27);
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' });
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export async function startWechatStandIn(options: WechatStandInOptions = {}): Promise<WechatStandIn> {
  const appId = options.appId ?? DEFAULT_APP_ID;
  const secret = options.secret ?? DEFAULT_SECRET;
  const usedCodes = new Set<string>();
  const unsubscribed = new Set<string>();
  const messages: SentMessage[] = [];
  const outbound: OutboundMessage[] = [];
  let failNext: { errcode: number; count: number } | null = null;
  let token: { value: string; expiresAt: number } | null = null;

  const validToken = (url: URL) => token !== null && url.searchParams.get('access_token') === token.value && token.expiresAt > Date.now();

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (options.log) console.log(`${req.method} ${url.pathname}`);
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET,POST,DELETE', 'access-control-allow-headers': '*' });
        res.end();
        return;
      }
      if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
        const q = url.searchParams;
        if (q.get('appid') !== appId) return send(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
        if (q.get('secret') !== secret) return send(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
        if (q.get('grant_type') !== 'authorization_code') return send(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
        const code = q.get('js_code') ?? '';
        const m = /^dev:([^:]{1,64})(?::.{1,64})?$/.exec(code);
        if (!m) return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
        if (usedCodes.has(code)) return send(res, 200, { errcode: 40163, errmsg: 'code been used' });
        usedCodes.add(code);
        return send(res, 200, {
          openid: devOpenid(appId, m[1]!),
          unionid: devUnionid(m[1]!),
          session_key: randomBytes(16).toString('base64'),
        });
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
        const body = await readJson(req);
        if (body.appid !== appId || body.secret !== secret) return send(res, 200, { errcode: 40013, errmsg: 'invalid appid or secret' });
        if (!token || token.expiresAt <= Date.now() || body.force_refresh === true) {
          token = { value: `stand-in-${randomBytes(12).toString('hex')}`, expiresAt: Date.now() + 7_200_000 };
        }
        return send(res, 200, { access_token: token.value, expires_in: Math.floor((token.expiresAt - Date.now()) / 1000) });
      }
      if (req.method === 'POST' && url.pathname === '/wxa/business/getuserphonenumber') {
        if (!validToken(url)) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
        const body = await readJson(req);
        const m = /^dev-phone:(1[3-9][0-9]{9})$/.exec(String(body.code ?? ''));
        if (!m || usedCodes.has(String(body.code))) return send(res, 200, { errcode: 40029, errmsg: 'invalid code' });
        usedCodes.add(String(body.code));
        return send(res, 200, {
          errcode: 0, errmsg: 'ok',
          phone_info: { phoneNumber: m[1], purePhoneNumber: m[1], countryCode: '86', watermark: { appid: appId, timestamp: Math.floor(Date.now() / 1000) } },
        });
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
        if (!validToken(url)) return send(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' });
        const body = await readJson(req);
        const touser = String(body.touser ?? '');
        const templateId = String(body.template_id ?? '');
        if (!touser || !templateId || typeof body.data !== 'object') return send(res, 200, { errcode: 47003, errmsg: 'argument invalid' });
        let errcode = 0;
        if (failNext && failNext.count > 0) {
          errcode = failNext.errcode;
          failNext.count -= 1;
        } else if (unsubscribed.has(touser)) {
          errcode = 43101;
        }
        messages.push({ touser, template_id: templateId, page: body.page as string | undefined,
          data: body.data as Record<string, { value: string }>, at: new Date().toISOString(), errcode });
        return send(res, 200, { errcode, errmsg: errcode === 0 ? 'ok' : errcode === 43101 ? 'user refuse to accept the msg' : 'failed' });
      }
      if (url.pathname === '/__stand-in/messages') {
        if (req.method === 'DELETE') {
          messages.length = 0;
          return send(res, 200, { ok: true });
        }
        return send(res, 200, messages);
      }
      if (url.pathname === '/__stand-in/outbound') {
        if (req.method === 'POST') {
          const body = await readJson(req);
          const m = { channel: String(body.channel ?? ''), to: String(body.to ?? ''), subject: String(body.subject ?? ''), text: String(body.text ?? '') };
          if (!['sms', 'email'].includes(m.channel) || !m.to || !m.text) return send(res, 400, { error: 'channel (sms|email), to and text are required' });
          outbound.push({ ...m, at: new Date().toISOString() });
          return send(res, 200, { ok: true });
        }
        if (req.method === 'DELETE') {
          outbound.length = 0;
          return send(res, 200, { ok: true });
        }
        return send(res, 200, outbound);
      }
      if (req.method === 'POST' && url.pathname === '/__stand-in/unsubscribe') {
        unsubscribed.add(String((await readJson(req)).openid ?? ''));
        return send(res, 200, { ok: true });
      }
      if (req.method === 'POST' && url.pathname === '/__stand-in/fail-next') {
        const body = await readJson(req);
        failNext = { errcode: Number(body.errcode ?? 45011), count: Number(body.count ?? 1) };
        return send(res, 200, { ok: true });
      }
      if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok', appid: appId });
      send(res, 404, { errcode: 404, errmsg: 'not found in the WeChat stand-in' });
    })().catch((error: unknown) => send(res, 500, { errcode: -1, errmsg: String(error) }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    appId,
    secret,
    messages: () => [...messages],
    outbound: () => [...outbound],
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
