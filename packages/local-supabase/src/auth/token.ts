/** POST /token: the password grant (throttled) and the refresh-token grant (rotation, reuse detection). */
import type { ServiceApp } from '../gateway/service.ts';
import type { AuthContext } from './context.ts';
import { AuthError, readJson, respond, str } from './http.ts';
import { checkPassword, findUserByEmail, findUserById, normaliseEmail, type UserRow } from './users.ts';

async function passwordGrant(a: AuthContext, req: Request, body: Record<string, unknown>, address: string): Promise<Response> {
  const email = str(body.email);
  const password = str(body.password) ?? '';
  if (!email) throw new AuthError(400, 'validation_failed', 'missing email or phone');
  const accountKey = `account:${normaliseEmail(email)}`;
  const addressKey = `address:${address}`;
  // Reserved before the password is checked (in memory synchronously, in the database atomically): concurrent attempts count at once.
  const reserved = await a.throttle.reserve([
    [accountKey, a.config.maxFailuresPerAccount],
    [addressKey, a.config.maxFailuresPerAddress],
  ]);
  if (!reserved) throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
  let ok = false;
  let user: UserRow | undefined;
  try {
    user = await findUserByEmail(a.db, email);
    ok = !!user && !user.deleted_at && (await checkPassword(password, user.encrypted_password));
  } finally {
    await a.throttle.settle(accountKey, !ok);
    await a.throttle.settle(addressKey, !ok);
  }
  if (!ok || !user) throw new AuthError(400, 'invalid_credentials', 'Invalid login credentials');
  await a.throttle.clear(accountKey);
  if (a.isBanned(user)) throw new AuthError(400, 'user_banned', 'User is banned');
  if (!user.email_confirmed_at && !a.config.autoconfirm) throw new AuthError(400, 'email_not_confirmed', 'Email not confirmed');
  return respond(req, 200, await a.db.tx((q) => a.startSession(q, user, req, address)));
}

async function refreshGrant(a: AuthContext, req: Request, body: Record<string, unknown>): Promise<Response> {
  const token = str(body.refresh_token);
  if (!token) throw new AuthError(400, 'validation_failed', 'Refresh Token is required');
  // The outcome is decided and committed in one transaction; a reuse revokes the family even though the request fails.
  const outcome = await a.db.tx(async (q): Promise<Record<string, unknown> | AuthError> => {
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
    if (a.isBanned(user)) return new AuthError(400, 'user_banned', 'Invalid Refresh Token: User Banned');
    if (row.revoked) {
      // Within the reuse interval, a replay of the parent of the active token gets that token again (GoTrue).
      const child = (
        await q.query<{ token: string }>(
          `select token from auth.refresh_tokens where session_id = $1::uuid and parent = $2 and not revoked order by id desc limit 1`,
          [row.session_id, token],
        )
      ).rows[0];
      if (child && row.age < a.config.refreshTokenReuseInterval) {
        return a.issueSession(q, user, session.id, child.token, Number(session.at));
      }
      // Reuse: revoke the whole token family of this session.
      await q.query('update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1::uuid', [row.session_id]);
      return new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
    }
    await q.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1::bigint', [row.id]);
    await q.query('update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1::uuid', [session.id]);
    const next = await a.newRefreshToken(q, user.id, session.id, token);
    return a.issueSession(q, user, session.id, next, Number(session.at));
  });
  if (outcome instanceof AuthError) throw outcome;
  return respond(req, 200, outcome);
}

export function tokenRoutes(app: ServiceApp, a: AuthContext): void {
  app.post('/token', async (c) => {
    const body = await readJson(c.req.raw);
    const grant = c.req.query('grant_type');
    if (grant === 'password') return passwordGrant(a, c.req.raw, body, c.env.ctx.address);
    if (grant === 'refresh_token') return refreshGrant(a, c.req.raw, body);
    throw new AuthError(400, 'validation_failed', 'unsupported_grant_type');
  });
}
