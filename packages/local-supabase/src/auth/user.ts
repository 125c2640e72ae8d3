/** The signed-in user: GET/PUT /user, GET|POST /reauthenticate (nonce for a password change), POST /logout. */
import { randomInt } from 'node:crypto';
import type { ServiceApp } from '../gateway/service.ts';
import { otpHash, type AuthContext } from './context.ts';
import { API_VERSION, AuthError, readJson, respond, str } from './http.ts';
import { identitiesOf, userJson } from './users.ts';

export function userRoutes(app: ServiceApp, a: AuthContext): void {
  app.on(['GET', 'PUT'], '/user', async (c) => {
    const req = c.req.raw;
    const body = await readJson(req);
    const result = await a.db.tx(async (q): Promise<Record<string, unknown> | AuthError> => {
      const { user, claims, sessionAge } = await a.currentUser(q, req);
      if (req.method === 'PUT' && str(body.password) !== undefined) {
        // The nonce is consumed even when the update then fails (as GoTrue): decide, then commit.
        try {
          await a.checkPasswordChange(q, user, body, sessionAge);
        } catch (error) {
          if (error instanceof AuthError) return error;
          throw error;
        }
      }
      const sessionId = typeof claims.session_id === 'string' ? claims.session_id : null;
      const current = req.method === 'PUT' ? await a.updateUser(q, user, body, false, sessionId) : user;
      return userJson(current, await identitiesOf(q, user.id));
    });
    if (result instanceof AuthError) throw result;
    return respond(req, 200, result);
  });

  app.on(['GET', 'POST'], '/reauthenticate', async (c) => {
    const req = c.req.raw;
    const sent = await a.db.tx(async (q) => {
      const { user } = await a.currentUser(q, req);
      if (!user.email) throw new AuthError(422, 'validation_failed', 'Reauthentication requires an email address');
      if (!user.email_confirmed_at) throw new AuthError(422, 'email_not_confirmed', 'Please verify your email first.');
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await q.query('update auth.users set reauthentication_token = $2, reauthentication_sent_at = now() where id = $1::uuid', [
        user.id,
        otpHash(user.email, code),
      ]);
      return { email: user.email, code };
    });
    await a.sendCode(sent.email, sent.code);
    return respond(req, 200, {});
  });

  app.post('/logout', async (c) => {
    const claims = await a.bearerClaims(c.req.raw);
    const scope = c.req.query('scope') ?? 'global';
    if (!['global', 'local', 'others'].includes(scope)) throw new AuthError(400, 'validation_failed', `Unsupported logout scope "${scope}"`);
    const sessionId = typeof claims.session_id === 'string' ? claims.session_id : null;
    if (typeof claims.sub === 'string' && claims.sub) {
      if (scope === 'local') {
        if (sessionId) await a.db.query('delete from auth.sessions where id = $1::uuid', [sessionId]);
      } else if (scope === 'others') {
        await a.db.query('delete from auth.sessions where user_id = $1::uuid and id is distinct from $2::uuid', [claims.sub, sessionId]);
      } else {
        await a.db.query('delete from auth.sessions where user_id = $1::uuid', [claims.sub]);
      }
    }
    return new Response(null, { status: 204, headers: { 'x-supabase-api-version': API_VERSION } });
  });
}
