/** /admin/users and /admin/users/<id>: the service role's user management. */
import type { ServiceApp } from '../gateway/service.ts';
import type { AuthContext } from './context.ts';
import { AuthError, obj, readJson, respond, str } from './http.ts';
import { findUserByEmail, findUserById, hashPassword, identitiesOf, insertUser, isValidEmail, userJson } from './users.ts';

async function adminUsers(a: AuthContext, req: Request, id: string | undefined, body: Record<string, unknown>): Promise<Response> {
  await a.requireAdmin(req);
  const m = req.method;
  if (!id) {
    if (m === 'GET') {
      const url = new URL(req.url);
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
      const perPage = Math.min(1000, Math.max(1, Number(url.searchParams.get('per_page') ?? 50) || 50));
      const total = (await a.db.query<{ n: number }>('select count(*)::int as n from auth.users')).rows[0]?.n ?? 0;
      const { rows } = await a.db.query<{ id: string }>('select id::text from auth.users order by created_at, id limit $1 offset $2', [
        perPage,
        (page - 1) * perPage,
      ]);
      const users = [];
      for (const r of rows) users.push(userJson((await findUserById(a.db, r.id))!, await identitiesOf(a.db, r.id)));
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
      if (password !== undefined) a.assertStrong(password);
      const passwordHash = password === undefined ? null : await hashPassword(password, a.config.bcryptCost);
      const result = await a.db.tx(async (q) => {
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
  const result = await a.db.tx(async (q) => {
    const user = await findUserById(q, id);
    if (!user) return new AuthError(404, 'user_not_found', 'User not found');
    if (m === 'GET') return userJson(user, await identitiesOf(q, id));
    if (m === 'PUT') {
      const updated = await a.updateUser(q, user, body, true);
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

export function adminRoutes(app: ServiceApp, a: AuthContext): void {
  app.all('/admin/users', async (c) => adminUsers(a, c.req.raw, undefined, await readJson(c.req.raw)));
  app.all('/admin/users/:id', async (c) => adminUsers(a, c.req.raw, c.req.param('id'), await readJson(c.req.raw)));
}
