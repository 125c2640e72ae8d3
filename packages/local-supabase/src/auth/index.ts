/**
 * /auth/v1 — the GoTrue subset supabase-js uses for email + password: signup, password and
 * refresh-token grants (rotation + reuse detection), user GET/PUT, logout scopes, admin users,
 * settings, health. Users live in Supabase's own auth tables, so triggers on auth.users run.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Database, Queryable } from '../db/types.ts';
import type { KeySet } from '../config.ts';
import { JwtError, signJwt, verifyJwt, type JwtClaims } from '../jwt.ts';
import type { Service } from '../gateway/app.ts';
import { MAX_JSON_DEPTH, jsonDepth } from '../gateway/http.ts';
import { resolveAuthConfig, type AuthConfig } from './config.ts';
import { FailureThrottle } from './throttle.ts';
import {
  checkPassword,
  findUserByEmail,
  findUserById,
  hashPassword,
  identitiesOf,
  insertUser,
  isValidEmail,
  normaliseEmail,
  userJson,
  type UserRow,
} from './users.ts';

export { resolveAuthConfig, DEFAULT_AUTH_CONFIG, type AuthConfig } from './config.ts';

const API_VERSION = '2024-01-01';
const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

/** A GoTrue error; serialised per the API version the client asked for. */
class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function respond(req: Request, status: number, body: unknown): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-supabase-api-version': API_VERSION },
  });
}

function errorResponse(req: Request, e: AuthError): Response {
  // GoTrue: clients announcing API version 2024-01-01 get {code: "<error_code>", msg}; older ones {code: <status>, error_code, msg}.
  const modern = (req.headers.get('x-supabase-api-version') ?? '') >= API_VERSION;
  return respond(req, e.status, { code: modern ? e.errorCode : e.status, error_code: e.errorCode, msg: e.message, ...e.extra });
}

async function readJson(req: Request): Promise<Record<string, unknown>> {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE') {
    const text = req.body ? await req.text() : '';
    return text ? safeParse(text) : {};
  }
  const text = await req.text();
  if (!text) return {};
  return safeParse(text);
}
function safeParse(text: string): Record<string, unknown> {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new AuthError(400, 'validation_failed', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* fallthrough */
  }
  throw new AuthError(400, 'bad_json', 'Could not parse request body as JSON');
}
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

export interface AuthServiceOptions {
  db: Database;
  keys: KeySet;
  /** The stack's public URL (for the `iss` claim); read lazily since the port is known late. */
  publicUrl: () => string;
  env?: NodeJS.ProcessEnv;
  config?: Partial<AuthConfig>;
  /**
   * Delivers the one-time code of GET /reauthenticate (GoTrue e-mails it). Default: printed on the
   * server's console, as the Supabase CLI's local mail catcher would show it.
   */
  sendReauthenticationCode?: (email: string, code: string) => void | Promise<void>;
}

/** GoTrue stores one-time tokens as sha224(email + code), hex. */
const otpHash = (email: string, code: string) => createHash('sha224').update(email + code).digest('hex');

export function createAuthService(options: AuthServiceOptions): Service {
  const config = resolveAuthConfig(options.env ?? process.env, options.config);
  const { db } = options;
  const secret = options.keys.jwtSecret;
  const throttle = new FailureThrottle(config.failureWindowSeconds * 1000);
  const sendCode =
    options.sendReauthenticationCode ??
    ((email: string, code: string) => console.log(`[local-supabase] reauthentication code for ${email}: ${code}`));

  function passwordProblems(password: string): string[] {
    const reasons: string[] = [];
    if (password.length < config.minPasswordLength) reasons.push('length');
    const groups = config.passwordRequiredCharacters.split(':').filter(Boolean);
    if (groups.some((group) => ![...group].some((ch) => password.includes(ch)))) reasons.push('characters');
    return reasons;
  }
  function assertStrong(password: string): void {
    const reasons = passwordProblems(password);
    if (!reasons.length) return;
    const parts: string[] = [];
    if (reasons.includes('length')) parts.push(`Password should be at least ${config.minPasswordLength} characters.`);
    if (reasons.includes('characters'))
      parts.push(`Password should contain at least one character of each: ${config.passwordRequiredCharacters.split(':').join(', ')}.`);
    throw new AuthError(422, 'weak_password', parts.join(' '), { weak_password: { reasons } });
  }

  /** Issue an access token + (new or given) refresh token for a session, as GoTrue's token response. */
  async function issueSession(
    q: Queryable,
    user: UserRow,
    sessionId: string,
    refreshToken: string,
    signedInAt: number,
  ): Promise<Record<string, unknown>> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + config.jwtExpiry;
    const claims = {
      iss: `${options.publicUrl()}/auth/v1`,
      sub: user.id,
      aud: user.aud ?? 'authenticated',
      exp,
      iat: now,
      email: user.email ?? '',
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: user.role || 'authenticated',
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: signedInAt }],
      session_id: sessionId,
      is_anonymous: user.is_anonymous,
    };
    return {
      access_token: await signJwt(claims, secret),
      token_type: 'bearer',
      expires_in: config.jwtExpiry,
      expires_at: exp,
      refresh_token: refreshToken,
      user: userJson(user, await identitiesOf(q, user.id)),
      weak_password: null,
    };
  }

  async function newRefreshToken(q: Queryable, userId: string, sessionId: string, parent: string | null): Promise<string> {
    const token = randomBytes(16).toString('base64url');
    await q.query(
      `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
       values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4::uuid)`,
      [token, userId, parent, sessionId],
    );
    return token;
  }

  async function startSession(q: Queryable, user: UserRow, req: Request, address: string): Promise<Record<string, unknown>> {
    const { rows } = await q.query<{ id: string; at: number }>(
      `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
       values (gen_random_uuid(), $1::uuid, now(), now(), 'aal1', $2, $3::inet)
       returning id::text, extract(epoch from created_at)::bigint::int as at`,
      [user.id, req.headers.get('user-agent'), /^[0-9a-f.:]+$/i.test(address) ? address : null],
    );
    const session = rows[0]!;
    await q.query('update auth.users set last_sign_in_at = now() where id = $1::uuid', [user.id]);
    await q.query(`update auth.identities set last_sign_in_at = now() where user_id = $1::uuid and provider = 'email'`, [user.id]);
    const fresh = (await findUserById(q, user.id))!;
    return issueSession(q, fresh, session.id, await newRefreshToken(q, user.id, session.id, null), Number(session.at));
  }

  /** The verified claims of the caller's Bearer token (GoTrue: 401 without one, 403 bad_jwt when invalid). */
  async function bearerClaims(req: Request): Promise<JwtClaims> {
    const header = req.headers.get('authorization') ?? '';
    const token = /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, '').trim() : '';
    if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a Bearer token');
    try {
      return await verifyJwt(token, secret);
    } catch (error) {
      const reason = error instanceof JwtError && error.code === 'PGRST303' ? 'token is expired' : 'unable to parse or verify signature';
      throw new AuthError(403, 'bad_jwt', `invalid JWT: ${reason}`);
    }
  }

  /** The signed-in user behind the Bearer token; the session must still exist. */
  async function currentUser(q: Queryable, req: Request): Promise<{ user: UserRow; claims: JwtClaims; sessionAge: number | null }> {
    const claims = await bearerClaims(req);
    if (typeof claims.sub !== 'string' || !claims.sub) throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim');
    const user = await findUserById(q, claims.sub);
    if (!user || user.deleted_at) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    let sessionAge: number | null = null;
    if (typeof claims.session_id === 'string' && claims.session_id) {
      const { rows } = await q.query<{ age: number }>('select extract(epoch from now() - created_at)::float8 as age from auth.sessions where id = $1::uuid', [
        claims.session_id,
      ]);
      if (!rows.length) throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
      sessionAge = Number(rows[0]!.age);
    }
    return { user, claims, sessionAge };
  }

  async function requireAdmin(req: Request): Promise<void> {
    const claims = await bearerClaims(req);
    if (typeof claims.role !== 'string' || !ADMIN_ROLES.has(claims.role)) throw new AuthError(403, 'not_admin', 'User not allowed');
  }

  const isBanned = (u: UserRow) => u.banned_until != null && new Date(u.banned_until).getTime() > Date.now();

  async function passwordGrant(req: Request, body: Record<string, unknown>, address: string): Promise<Response> {
    const email = str(body.email);
    const password = str(body.password) ?? '';
    if (!email) throw new AuthError(400, 'validation_failed', 'missing email or phone');
    const accountKey = `account:${normaliseEmail(email)}`;
    const addressKey = `address:${address}`;
    // Reserved before the password is checked, synchronously: concurrent attempts count at once.
    const reserved = throttle.reserve([
      [accountKey, config.maxFailuresPerAccount],
      [addressKey, config.maxFailuresPerAddress],
    ]);
    if (!reserved) throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
    let ok = false;
    let user: UserRow | undefined;
    try {
      user = await findUserByEmail(db, email);
      ok = !!user && !user.deleted_at && (await checkPassword(password, user.encrypted_password));
    } finally {
      throttle.settle(accountKey, !ok);
      throttle.settle(addressKey, !ok);
    }
    if (!ok || !user) throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
    throttle.clear(accountKey);
    if (isBanned(user)) throw new AuthError(400, 'user_banned', 'User is banned');
    if (!user.email_confirmed_at && !config.autoconfirm) throw new AuthError(400, 'email_not_confirmed', 'Email not confirmed');
    return respond(req, 200, await db.tx((q) => startSession(q, user, req, address)));
  }

  async function refreshGrant(req: Request, body: Record<string, unknown>): Promise<Response> {
    const token = str(body.refresh_token);
    if (!token) throw new AuthError(400, 'validation_failed', 'Refresh Token is required');
    // The outcome is decided and committed in one transaction; a reuse revokes the family even though the request fails.
    const outcome = await db.tx(async (q): Promise<Record<string, unknown> | AuthError> => {
      const { rows } = await q.query<{ id: string; user_id: string; revoked: boolean; session_id: string | null; age: number }>(
        `select id::text, user_id, revoked, session_id::text, extract(epoch from now() - updated_at)::float8 as age
           from auth.refresh_tokens where token = $1 for update`,
        [token],
      );
      const row = rows[0];
      if (!row || !row.session_id) return new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      const session = (
        await q.query<{ id: string; at: number; not_after: Date | null }>(
          `select id::text, extract(epoch from created_at)::bigint::int as at, not_after from auth.sessions where id = $1::uuid for update`,
          [row.session_id],
        )
      ).rows[0];
      if (!session) return new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      if (session.not_after && new Date(session.not_after).getTime() < Date.now()) {
        return new AuthError(400, 'session_expired', 'Invalid Refresh Token: Session Expired');
      }
      const user = await findUserById(q, row.user_id);
      if (!user || user.deleted_at) return new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      if (isBanned(user)) return new AuthError(400, 'user_banned', 'Invalid Refresh Token: User Banned');
      if (row.revoked) {
        // Within the reuse interval, a replay of the parent of the active token gets that token again (GoTrue).
        const child = (
          await q.query<{ token: string }>(
            `select token from auth.refresh_tokens where session_id = $1::uuid and parent = $2 and not revoked order by id desc limit 1`,
            [row.session_id, token],
          )
        ).rows[0];
        if (child && row.age < config.refreshTokenReuseInterval) {
          return issueSession(q, user, session.id, child.token, Number(session.at));
        }
        // Reuse: revoke the whole token family of this session.
        await q.query('update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1::uuid', [row.session_id]);
        return new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
      }
      await q.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1::bigint', [row.id]);
      await q.query('update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1::uuid', [session.id]);
      const next = await newRefreshToken(q, user.id, session.id, token);
      return issueSession(q, user, session.id, next, Number(session.at));
    });
    if (outcome instanceof AuthError) throw outcome;
    return respond(req, 200, outcome);
  }

  async function signup(req: Request, body: Record<string, unknown>, address: string): Promise<Response> {
    if (config.disableSignup) throw new AuthError(422, 'signup_disabled', 'Signups not allowed for this instance');
    const email = str(body.email);
    const password = str(body.password);
    if (!email) throw new AuthError(422, 'validation_failed', 'To signup, please provide your email');
    if (!isValidEmail(email)) throw new AuthError(400, 'email_address_invalid', 'Unable to validate email address: invalid format');
    if (!password) throw new AuthError(422, 'validation_failed', 'Signup requires a valid password');
    assertStrong(password);
    const passwordHash = await hashPassword(password, config.bcryptCost);
    const result = await db.tx(async (q) => {
      if (await findUserByEmail(q, email)) return new AuthError(422, 'user_already_exists', 'User already registered');
      let user: UserRow;
      try {
        user = await insertUser(q, { email, passwordHash, userMetadata: obj(body.data), confirmed: config.autoconfirm });
      } catch (error) {
        throw new AuthError(500, 'unexpected_failure', `Database error saving new user: ${(error as Error).message}`);
      }
      if (!config.autoconfirm) return userJson(user, await identitiesOf(q, user.id));
      return startSession(q, user, req, address);
    });
    if (result instanceof AuthError) throw result;
    return respond(req, 200, result);
  }

  /**
   * GoTrue's rules for a user changing their own password: with secure password change on, a
   * session older than the window needs the nonce from GET /reauthenticate; with
   * require-current-password on, the current password.
   */
  async function checkPasswordChange(q: Queryable, user: UserRow, body: Record<string, unknown>, sessionAge: number | null): Promise<void> {
    if (config.securePasswordChange && (sessionAge === null || sessionAge > config.reauthenticationWindowSeconds)) {
      const nonce = str(body.nonce) ?? '';
      if (!nonce) throw new AuthError(400, 'reauthentication_needed', 'Password update requires reauthentication');
      const { rows } = await q.query<{ ok: boolean }>(
        `update auth.users set reauthentication_token = '', reauthentication_sent_at = null
          where id = $1::uuid and reauthentication_token = $2 and reauthentication_token <> ''
            and reauthentication_sent_at > now() - make_interval(secs => $3)
          returning true as ok`,
        [user.id, otpHash(user.email ?? '', nonce), config.otpExpirySeconds],
      );
      if (!rows.length) throw new AuthError(422, 'reauthentication_not_valid', 'Requested nonce is invalid or expired');
    }
    if (config.requireCurrentPassword && user.encrypted_password) {
      const current = str(body.current_password) ?? '';
      if (!current) throw new AuthError(400, 'current_password_required', 'Current password required when setting new password.');
      if (!(await checkPassword(current, user.encrypted_password))) throw new AuthError(400, 'current_password_mismatch', 'Current password is incorrect.');
    }
  }

  async function updateUser(q: Queryable, user: UserRow, body: Record<string, unknown>, admin: boolean, sessionId?: string | null): Promise<UserRow> {
    const email = str(body.email);
    const password = str(body.password);
    const data = obj(admin ? body.user_metadata : body.data);
    const appMetadata = admin ? obj(body.app_metadata) : undefined;
    if (email !== undefined) {
      if (!isValidEmail(email)) throw new AuthError(400, 'email_address_invalid', 'Unable to validate email address: invalid format');
      const other = await findUserByEmail(q, email);
      if (other && other.id !== user.id) throw new AuthError(422, 'email_exists', 'A user with this email address has already been registered');
    }
    let passwordHash: string | null = null;
    if (password !== undefined) {
      assertStrong(password);
      if (!admin && (await checkPassword(password, user.encrypted_password))) {
        throw new AuthError(422, 'same_password', 'New password should be different from the old password.');
      }
      passwordHash = await hashPassword(password, config.bcryptCost);
    }
    let bannedUntil: string | null | undefined;
    if (admin && typeof body.ban_duration === 'string') {
      bannedUntil = body.ban_duration === 'none' ? null : new Date(Date.now() + parseDuration(body.ban_duration)).toISOString();
    }
    await q.query(
      `update auth.users set
         email = coalesce($2, email),
         encrypted_password = coalesce($3, encrypted_password),
         raw_user_meta_data = case when $4::jsonb is null then raw_user_meta_data else coalesce(raw_user_meta_data, '{}'::jsonb) || $4::jsonb end,
         raw_app_meta_data = case when $5::jsonb is null then raw_app_meta_data else coalesce(raw_app_meta_data, '{}'::jsonb) || $5::jsonb end,
         email_confirmed_at = case when $6::boolean then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
         banned_until = case when $7::boolean then $8::timestamptz else banned_until end,
         role = coalesce($9, role),
         updated_at = now()
       where id = $1::uuid`,
      [
        user.id,
        email === undefined ? null : normaliseEmail(email),
        passwordHash,
        data ? JSON.stringify(data) : null,
        appMetadata ? JSON.stringify(appMetadata) : null,
        admin && body.email_confirm === true,
        bannedUntil !== undefined,
        bannedUntil ?? null,
        admin ? (str(body.role) ?? null) : null,
      ],
    );
    if (passwordHash !== null) {
      // As GoTrue: a new password ends every other session (their refresh tokens go with them);
      // set by an admin, it ends them all.
      await q.query('delete from auth.sessions where user_id = $1::uuid and ($2::uuid is null or id <> $2::uuid)', [
        user.id,
        admin ? null : (sessionId ?? null),
      ]);
    }
    if (email !== undefined) {
      await q.query(
        `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text), updated_at = now()
          where user_id = $1::uuid and provider = 'email'`,
        [user.id, normaliseEmail(email)],
      );
    }
    return (await findUserById(q, user.id))!;
  }

  async function admin(req: Request, path: string, body: Record<string, unknown>): Promise<Response> {
    await requireAdmin(req);
    const id = path.split('/')[3];
    const m = req.method;
    if (!id) {
      if (m === 'GET') {
        const url = new URL(req.url);
        const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
        const perPage = Math.min(1000, Math.max(1, Number(url.searchParams.get('per_page') ?? 50) || 50));
        const total = (await db.query<{ n: number }>('select count(*)::int as n from auth.users')).rows[0]?.n ?? 0;
        const { rows } = await db.query<{ id: string }>('select id::text from auth.users order by created_at, id limit $1 offset $2', [
          perPage,
          (page - 1) * perPage,
        ]);
        const users = [];
        for (const r of rows) users.push(userJson((await findUserById(db, r.id))!, await identitiesOf(db, r.id)));
        const res = respond(req, 200, { users, aud: 'authenticated' });
        res.headers.set('x-total-count', String(total));
        const last = Math.max(1, Math.ceil(total / perPage));
        const links = [`</admin/users?page=${last}&per_page=${perPage}>; rel="last"`];
        if (page < last) links.unshift(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
        res.headers.set('link', links.join(', '));
        return res;
      }
      if (m === 'POST') {
        const email = str(body.email);
        if (!email || !isValidEmail(email)) throw new AuthError(400, 'email_address_invalid', 'Unable to validate email address: invalid format');
        const password = str(body.password);
        if (password !== undefined) assertStrong(password);
        const passwordHash = password === undefined ? null : await hashPassword(password, config.bcryptCost);
        const result = await db.tx(async (q) => {
          if (await findUserByEmail(q, email)) return new AuthError(422, 'email_exists', 'A user with this email address has already been registered');
          const user = await insertUser(q, {
            email,
            passwordHash,
            userMetadata: obj(body.user_metadata) ?? obj(body.data),
            appMetadata: obj(body.app_metadata),
            confirmed: body.email_confirm === true,
            phone: str(body.phone) ?? null,
            role: str(body.role),
          });
          return userJson(user, await identitiesOf(q, user.id));
        });
        if (result instanceof AuthError) throw result;
        return respond(req, 200, result);
      }
      throw new AuthError(405, 'method_not_allowed', 'Method not allowed');
    }
    const result = await db.tx(async (q) => {
      const user = await findUserById(q, id);
      if (!user) return new AuthError(404, 'user_not_found', 'User not found');
      if (m === 'GET') return userJson(user, await identitiesOf(q, id));
      if (m === 'PUT') {
        const updated = await updateUser(q, user, body, true);
        return userJson(updated, await identitiesOf(q, id));
      }
      if (m === 'DELETE') {
        if (body.should_soft_delete === true) {
          await q.query(
            `update auth.users set deleted_at = now(), email = null, encrypted_password = '', raw_user_meta_data = '{}'::jsonb where id = $1::uuid`,
            [id],
          );
          await q.query('delete from auth.sessions where user_id = $1::uuid', [id]);
        } else {
          await q.query('delete from auth.users where id = $1::uuid', [id]);
        }
        return {};
      }
      return new AuthError(405, 'method_not_allowed', 'Method not allowed');
    });
    if (result instanceof AuthError) throw result;
    return respond(req, 200, result);
  }

  async function route(req: Request, path: string, address: string): Promise<Response> {
    const m = req.method;
    const url = new URL(req.url);
    if (path === '/health' && m === 'GET') {
      return respond(req, 200, { version: 'local', name: 'GoTrue', description: 'GoTrue is a user registration and authentication API' });
    }
    if (path === '/settings' && m === 'GET') {
      return respond(req, 200, {
        external: { anonymous_users: false, email: true, phone: false },
        disable_signup: config.disableSignup,
        mailer_autoconfirm: config.autoconfirm,
        phone_autoconfirm: false,
        sms_provider: '',
        saml_enabled: false,
      });
    }
    const body = await readJson(req);
    if (path === '/signup' && m === 'POST') return signup(req, body, address);
    if (path === '/token' && m === 'POST') {
      const grant = url.searchParams.get('grant_type');
      if (grant === 'password') return passwordGrant(req, body, address);
      if (grant === 'refresh_token') return refreshGrant(req, body);
      throw new AuthError(400, 'validation_failed', 'unsupported_grant_type');
    }
    if (path === '/user' && (m === 'GET' || m === 'PUT')) {
      const result = await db.tx(async (q): Promise<Record<string, unknown> | AuthError> => {
        const { user, claims, sessionAge } = await currentUser(q, req);
        if (m === 'PUT' && str(body.password) !== undefined) {
          // The nonce is consumed even when the update then fails (as GoTrue): decide, then commit.
          try {
            await checkPasswordChange(q, user, body, sessionAge);
          } catch (error) {
            if (error instanceof AuthError) return error;
            throw error;
          }
        }
        const sessionId = typeof claims.session_id === 'string' ? claims.session_id : null;
        const current = m === 'PUT' ? await updateUser(q, user, body, false, sessionId) : user;
        return userJson(current, await identitiesOf(q, user.id));
      });
      if (result instanceof AuthError) throw result;
      return respond(req, 200, result);
    }
    if (path === '/reauthenticate' && (m === 'GET' || m === 'POST')) {
      const sent = await db.tx(async (q) => {
        const { user } = await currentUser(q, req);
        if (!user.email) throw new AuthError(422, 'validation_failed', 'Reauthentication requires an email address');
        if (!user.email_confirmed_at) throw new AuthError(422, 'email_not_confirmed', 'Please verify your email first.');
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        await q.query('update auth.users set reauthentication_token = $2, reauthentication_sent_at = now() where id = $1::uuid', [
          user.id,
          otpHash(user.email, code),
        ]);
        return { email: user.email, code };
      });
      await sendCode(sent.email, sent.code);
      return respond(req, 200, {});
    }
    if (path === '/logout' && m === 'POST') {
      const claims = await bearerClaims(req);
      const scope = url.searchParams.get('scope') ?? 'global';
      if (!['global', 'local', 'others'].includes(scope)) throw new AuthError(400, 'validation_failed', `Unsupported logout scope "${scope}"`);
      const sessionId = typeof claims.session_id === 'string' ? claims.session_id : null;
      if (typeof claims.sub === 'string' && claims.sub) {
        if (scope === 'local') {
          if (sessionId) await db.query('delete from auth.sessions where id = $1::uuid', [sessionId]);
        } else if (scope === 'others') {
          await db.query('delete from auth.sessions where user_id = $1::uuid and id is distinct from $2::uuid', [claims.sub, sessionId]);
        } else {
          await db.query('delete from auth.sessions where user_id = $1::uuid', [claims.sub]);
        }
      }
      return new Response(null, { status: 204, headers: { 'x-supabase-api-version': API_VERSION } });
    }
    if (path === '/admin/users' || path.startsWith('/admin/users/')) return admin(req, path, body);
    throw new AuthError(404, 'not_found', `Unsupported auth endpoint: ${m} ${path}`);
  }

  return async (req, path, ctx) => {
    try {
      return await route(req, path, ctx.address);
    } catch (error) {
      if (error instanceof AuthError) return errorResponse(req, error);
      throw error;
    }
  };
}

/** Go-style durations as GoTrue's ban_duration takes them: "24h", "30m", "1h30m", "10s". */
function parseDuration(text: string): number {
  const re = /(\d+(?:\.\d+)?)(h|m|s|ms)/g;
  let total = 0;
  let matched = '';
  for (const match of text.matchAll(re)) {
    const n = Number(match[1]);
    total += n * ({ h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const)[match[2] as 'h' | 'm' | 's' | 'ms'];
    matched += match[0];
  }
  if (!matched || matched !== text) throw new AuthError(400, 'validation_failed', `invalid format for ban duration: ${text}`);
  return total;
}
