/** What every auth route shares: settings, the database, sessions and the signed-in user. */
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/types.ts';
import { JwtError, signJwt, verifyJwt, type JwtClaims } from '../jwt.ts';
import type { AuthConfig } from './config.ts';
import { ADMIN_ROLES, AuthError, obj, parseDuration, str } from './http.ts';
import { DatabaseThrottle, FailureThrottle, type Throttle } from './throttle.ts';
import { checkPassword, findUserByEmail, findUserById, hashPassword, identitiesOf, isValidEmail, normaliseEmail, userJson, type UserRow } from './users.ts';

/** GoTrue stores one-time tokens as sha224(email + code), hex. */
export const otpHash = (email: string, code: string) => createHash('sha224').update(email + code).digest('hex');

export class AuthContext {
  readonly throttle: Throttle;

  constructor(
    readonly db: Database,
    readonly config: AuthConfig,
    readonly secret: string,
    /** The stack's public URL (for the `iss` claim); read lazily since the port is known late. */
    readonly publicUrl: () => string,
    readonly sendCode: (email: string, code: string) => void | Promise<void>,
    /** Keep the failed-login counters in the database (several processes serve). */
    sharedThrottle = false,
  ) {
    this.throttle = sharedThrottle
      ? new DatabaseThrottle(db, config.failureWindowSeconds * 1000)
      : new FailureThrottle(config.failureWindowSeconds * 1000);
  }

  isBanned(u: UserRow): boolean {
    return u.banned_until != null && new Date(u.banned_until).getTime() > Date.now();
  }

  passwordProblems(password: string): string[] {
    const reasons: string[] = [];
    if (password.length < this.config.minPasswordLength) reasons.push('length');
    const groups = this.config.passwordRequiredCharacters.split(':').filter(Boolean);
    if (groups.some((group) => ![...group].some((ch) => password.includes(ch)))) reasons.push('characters');
    return reasons;
  }

  assertStrong(password: string): void {
    const reasons = this.passwordProblems(password);
    if (!reasons.length) return;
    const parts: string[] = [];
    if (reasons.includes('length')) parts.push(`Password should be at least ${this.config.minPasswordLength} characters.`);
    if (reasons.includes('characters'))
      parts.push(`Password should contain at least one character of each: ${this.config.passwordRequiredCharacters.split(':').join(', ')}.`);
    throw new AuthError(422, 'weak_password', parts.join(' '), { weak_password: { reasons } });
  }

  /** Issue an access token + (new or given) refresh token for a session, as GoTrue's token response. */
  async issueSession(
    q: Queryable,
    user: UserRow,
    sessionId: string,
    refreshToken: string,
    signedInAt: number,
  ): Promise<Record<string, unknown>> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.config.jwtExpiry;
    const claims = {
      iss: `${this.publicUrl()}/auth/v1`,
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
      access_token: await signJwt(claims, this.secret),
      token_type: 'bearer',
      expires_in: this.config.jwtExpiry,
      expires_at: exp,
      refresh_token: refreshToken,
      user: userJson(user, await identitiesOf(q, user.id)),
      weak_password: null,
    };
  }

  async newRefreshToken(q: Queryable, userId: string, sessionId: string, parent: string | null): Promise<string> {
    const token = randomBytes(16).toString('base64url');
    await q.query(
      `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
       values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4::uuid)`,
      [token, userId, parent, sessionId],
    );
    return token;
  }

  async startSession(q: Queryable, user: UserRow, req: Request, address: string): Promise<Record<string, unknown>> {
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
    return this.issueSession(q, fresh, session.id, await this.newRefreshToken(q, user.id, session.id, null), Number(session.at));
  }

  /** The verified claims of the caller's Bearer token (GoTrue: 401 without one, 403 bad_jwt when invalid). */
  async bearerClaims(req: Request): Promise<JwtClaims> {
    const header = req.headers.get('authorization') ?? '';
    const token = /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, '').trim() : '';
    if (!token) throw new AuthError(401, 'no_authorization', 'This endpoint requires a Bearer token');
    try {
      return await verifyJwt(token, this.secret);
    } catch (error) {
      const reason = error instanceof JwtError && error.code === 'PGRST303' ? 'token is expired' : 'unable to parse or verify signature';
      throw new AuthError(403, 'bad_jwt', `invalid JWT: ${reason}`);
    }
  }

  /** The signed-in user behind the Bearer token; the session must still exist. */
  async currentUser(q: Queryable, req: Request): Promise<{ user: UserRow; claims: JwtClaims; sessionAge: number | null }> {
    const claims = await this.bearerClaims(req);
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

  async requireAdmin(req: Request): Promise<void> {
    const claims = await this.bearerClaims(req);
    if (typeof claims.role !== 'string' || !ADMIN_ROLES.has(claims.role)) throw new AuthError(403, 'not_admin', 'User not allowed');
  }

  /**
   * GoTrue's rules for a user changing their own password: with secure password change on, a
   * session older than the window needs the nonce from GET /reauthenticate; with
   * require-current-password on, the current password.
   */
  async checkPasswordChange(q: Queryable, user: UserRow, body: Record<string, unknown>, sessionAge: number | null): Promise<void> {
    if (this.config.securePasswordChange && (sessionAge === null || sessionAge > this.config.reauthenticationWindowSeconds)) {
      const nonce = str(body.nonce) ?? '';
      if (!nonce) throw new AuthError(400, 'reauthentication_needed', 'Password update requires reauthentication');
      const { rows } = await q.query<{ ok: boolean }>(
        `update auth.users set reauthentication_token = '', reauthentication_sent_at = null
          where id = $1::uuid and reauthentication_token = $2 and reauthentication_token <> ''
            and reauthentication_sent_at > now() - make_interval(secs => $3)
          returning true as ok`,
        [user.id, otpHash(user.email ?? '', nonce), this.config.otpExpirySeconds],
      );
      if (!rows.length) throw new AuthError(422, 'reauthentication_not_valid', 'Requested nonce is invalid or expired');
    }
    if (this.config.requireCurrentPassword && user.encrypted_password) {
      const current = str(body.current_password) ?? '';
      if (!current) throw new AuthError(400, 'current_password_required', 'Current password required when setting new password.');
      if (!(await checkPassword(current, user.encrypted_password))) throw new AuthError(400, 'current_password_mismatch', 'Current password is incorrect.');
    }
  }

  async updateUser(q: Queryable, user: UserRow, body: Record<string, unknown>, admin: boolean, sessionId?: string | null): Promise<UserRow> {
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
      this.assertStrong(password);
      if (!admin && (await checkPassword(password, user.encrypted_password))) {
        throw new AuthError(422, 'same_password', 'New password should be different from the old password.');
      }
      passwordHash = await hashPassword(password, this.config.bcryptCost);
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
}
