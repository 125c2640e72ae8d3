/**
 * POST /functions/v1/wechat-login — a family signs in with WeChat.
 *   {code}        the code of wx.login (Taro.login): code2session on the WeChat server API →
 *                 openid (+unionid) → the family's account (created on first login) → an access
 *                 token Supabase accepts: {access_token, token_type: "bearer", expires_in,
 *                 expires_at, user}. The session_key never leaves the server. The mini-program
 *                 renews by logging in again with a fresh code before `expires_at`.
 *   {phone_code}  with the family's access token: the code of the getPhoneNumber button → the
 *                 verified number is stored on the family's WeChat identity.
 * Environment: WECHAT_API_BASE (default https://api.weixin.qq.com), WECHAT_APP_ID,
 * WECHAT_APP_SECRET, TUOYU_JWT_SECRET (the project's JWT secret; locally SUPABASE_JWT_SECRET),
 * WECHAT_LOGIN_TOKEN_TTL (seconds, default 3600), SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY.
 * Errors: {code, message} with a Chinese message — invalid_code (unknown or replayed code, 400),
 * invalid_token (401), wechat_unavailable (502), bad_request (400).
 */
import { env, jwtSecret, requireEnv, wechatConfig } from '../_shared/env.ts';
import { bearer, signJwt, verifyJwt } from '../_shared/jwt.ts';
import { fail, json, serviceFetch } from '../_shared/http.ts';

interface Session { openid: string; unionid?: string }

async function sha256hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function code2session(code: string): Promise<Session | Response> {
  const wx = wechatConfig();
  const url = `${wx.apiBase}/sns/jscode2session?appid=${encodeURIComponent(wx.appId)}&secret=${encodeURIComponent(wx.secret)}` +
    `&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`;
  let body: { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
  try {
    const res = await fetch(url);
    body = (await res.json()) as typeof body;
  } catch {
    return fail(502, 'wechat_unavailable', '微信服务暂时不可用，请稍后重试');
  }
  if (body.errcode === 40029 || body.errcode === 40163 || body.errcode === 40226) {
    return fail(400, 'invalid_code', '登录凭证无效或已使用，请重新登录');
  }
  if (body.errcode || !body.openid) {
    console.error(`code2session failed: ${body.errcode} ${body.errmsg}`);
    return fail(502, 'wechat_unavailable', '微信登录暂时不可用，请稍后重试');
  }
  return { openid: body.openid, unionid: body.unionid };
}

async function stableToken(): Promise<string | Response> {
  const wx = wechatConfig();
  try {
    const res = await fetch(`${wx.apiBase}/cgi-bin/stable_token`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: wx.appId, secret: wx.secret }),
    });
    const body = (await res.json()) as { access_token?: string; errcode?: number };
    if (!body.access_token) return fail(502, 'wechat_unavailable', '微信服务暂时不可用，请稍后重试');
    return body.access_token;
  } catch {
    return fail(502, 'wechat_unavailable', '微信服务暂时不可用，请稍后重试');
  }
}

function project() {
  return { baseUrl: requireEnv('SUPABASE_URL'), serviceKey: requireEnv('SUPABASE_SERVICE_ROLE_KEY') };
}

async function findIdentity(appId: string, openid: string): Promise<string | undefined> {
  const res = await serviceFetch(
    `/rest/v1/wechat_identities?select=user_id&app_id=eq.${encodeURIComponent(appId)}&openid=eq.${encodeURIComponent(openid)}`,
    { ...project(), method: 'GET' });
  if (!res.ok) throw new Error(`wechat_identities lookup: ${res.status} ${await res.text()}`);
  const rows = (await res.json()) as Array<{ user_id: string }>;
  return rows[0]?.user_id;
}

/** The account for this openid, created on the first login (a concurrent first login wins once). */
async function accountFor(appId: string, s: Session): Promise<{ id: string; created: boolean }> {
  const existing = await findIdentity(appId, s.openid);
  if (existing) return { id: existing, created: false };
  const email = `wx-${(await sha256hex(`${appId}:${s.openid}`)).slice(0, 32)}@wechat.tuoyu.invalid`;
  const created = await serviceFetch('/auth/v1/admin/users', {
    ...project(), method: 'POST',
    body: JSON.stringify({ email, email_confirm: true, password: crypto.randomUUID() + crypto.randomUUID(),
      user_metadata: { display_name: '微信用户' }, app_metadata: { provider: 'wechat', providers: ['wechat'] } }),
  });
  if (!created.ok) {
    // the same openid created concurrently: the identity decides
    const again = await findIdentity(appId, s.openid);
    if (again) return { id: again, created: false };
    throw new Error(`create user: ${created.status} ${await created.text()}`);
  }
  const user = (await created.json()) as { id: string };
  const insert = await serviceFetch('/rest/v1/wechat_identities?on_conflict=app_id,openid', {
    ...project(), method: 'POST', headers: { prefer: 'resolution=ignore-duplicates,return=minimal' },
    body: JSON.stringify({ user_id: user.id, app_id: appId, openid: s.openid, unionid: s.unionid ?? null }),
  });
  if (!insert.ok) throw new Error(`wechat_identities insert: ${insert.status} ${await insert.text()}`);
  const winner = await findIdentity(appId, s.openid);
  if (winner !== user.id) {
    await serviceFetch(`/auth/v1/admin/users/${user.id}`, { ...project(), method: 'DELETE' });
    return { id: winner!, created: false };
  }
  return { id: user.id, created: true };
}

async function login(code: string): Promise<Response> {
  const wx = wechatConfig();
  const session = await code2session(code);
  if (session instanceof Response) return session;
  const account = await accountFor(wx.appId, session);
  await serviceFetch(`/rest/v1/wechat_identities?user_id=eq.${account.id}`, {
    ...project(), method: 'PATCH', headers: { prefer: 'return=minimal' },
    body: JSON.stringify({ last_login_at: new Date().toISOString(), ...(session.unionid ? { unionid: session.unionid } : {}) }),
  });
  const profile = await serviceFetch(`/rest/v1/profiles?select=display_name&id=eq.${account.id}`, { ...project(), method: 'GET' });
  const displayName = ((await profile.json()) as Array<{ display_name: string }>)[0]?.display_name ?? '微信用户';
  const ttl = Number(env('WECHAT_LOGIN_TOKEN_TTL') ?? 3600);
  const now = Math.floor(Date.now() / 1000);
  const accessToken = await signJwt({
    iss: `${project().baseUrl.replace(/\/+$/, '')}/auth/v1`,
    sub: account.id,
    aud: 'authenticated',
    role: 'authenticated',
    iat: now,
    exp: now + ttl,
    app_metadata: { provider: 'wechat', providers: ['wechat'] },
    user_metadata: { display_name: displayName },
    amr: [{ method: 'wechat', timestamp: now }],
    is_anonymous: false,
  }, jwtSecret());
  return json(200, {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: ttl,
    expires_at: now + ttl,
    user: { id: account.id, display_name: displayName, is_new: account.created, provider: 'wechat' },
  });
}

async function sharePhone(req: Request, phoneCode: string): Promise<Response> {
  const token = bearer(req);
  const check = token ? await verifyJwt(token, jwtSecret()) : { ok: false as const, reason: 'malformed' as const };
  if (!check.ok || check.claims.role !== 'authenticated' || typeof check.claims.sub !== 'string') {
    return fail(401, 'invalid_token', check.ok || check.reason !== 'expired' ? '请先登录' : '登录已过期，请重新登录');
  }
  const userId = check.claims.sub;
  const wx = wechatConfig();
  const accessToken = await stableToken();
  if (accessToken instanceof Response) return accessToken;
  const res = await fetch(`${wx.apiBase}/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(accessToken)}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: phoneCode }),
  });
  const body = (await res.json()) as { errcode?: number; phone_info?: { purePhoneNumber?: string } };
  const phone = body.phone_info?.purePhoneNumber;
  if (body.errcode || !phone) return fail(400, 'invalid_code', '手机号授权无效或已使用，请重新授权');
  const update = await serviceFetch(`/rest/v1/wechat_identities?user_id=eq.${userId}`, {
    ...project(), method: 'PATCH', headers: { prefer: 'return=representation' },
    body: JSON.stringify({ phone, phone_verified_at: new Date().toISOString() }),
  });
  const rows = (await update.json()) as unknown[];
  if (!update.ok || rows.length === 0) return fail(400, 'bad_request', '请使用微信登录后再授权手机号');
  return json(200, { phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, verified: true });
}

export default async function handler(req: Request): Promise<Response> {
  if (req.method === 'OPTIONS') return json(200, {});
  if (req.method !== 'POST') return fail(405, 'method_not_allowed', '请使用 POST');
  let body: { code?: unknown; phone_code?: unknown };
  try {
    body = (await req.json()) as typeof body;
  } catch {
    return fail(400, 'bad_request', '请求格式错误（应为 JSON）');
  }
  if (typeof body.phone_code === 'string' && body.phone_code.length > 0 && body.phone_code.length <= 128) {
    return sharePhone(req, body.phone_code);
  }
  if (typeof body.code !== 'string' || body.code.length === 0 || body.code.length > 128) {
    return fail(400, 'bad_request', '缺少登录凭证 code');
  }
  return login(body.code);
}
