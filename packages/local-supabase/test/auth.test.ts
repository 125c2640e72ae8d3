import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import bcrypt from 'bcryptjs';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ auth: { bcryptCost: 4, refreshTokenReuseInterval: 0, maxFailuresPerAccount: 5, maxFailuresPerAddress: 1000 } });
  // The fixture project's migration adds a Supabase-style handle_new_user trigger on auth.users.
});
afterAll(async () => {
  await stack?.close();
});

describe('auth /auth/v1 through supabase-js', () => {
  it('signs up (autoconfirm), runs auth.users triggers and stores a bcrypt hash GoTrue can read', async () => {
    const supabase = stack.client();
    const email = uniqueEmail('signup');
    const { data, error } = await supabase.auth.signUp({ email, password: 'secret-123', options: { data: { display_name: '小明' } } });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.session?.refresh_token).toBeTruthy();
    expect(data.user?.email).toBe(email);
    expect(data.user?.user_metadata).toMatchObject({ display_name: '小明' });
    expect(data.user?.app_metadata).toMatchObject({ provider: 'email', providers: ['email'] });
    expect(data.user?.email_confirmed_at).toBeTruthy();

    const claims = decodeJwt(data.session!.access_token);
    expect(claims).toMatchObject({
      iss: `${stack.url}/auth/v1`,
      sub: data.user!.id,
      aud: 'authenticated',
      email,
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { display_name: '小明' },
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(typeof claims.session_id).toBe('string');
    expect(claims.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);

    const profile = await stack.db.query<{ display_name: string }>('select display_name from public.profiles where id = $1', [data.user!.id]);
    expect(profile.rows[0]?.display_name).toBe('小明');
    const row = await stack.db.query<{ encrypted_password: string }>('select encrypted_password from auth.users where id = $1', [data.user!.id]);
    expect(row.rows[0]!.encrypted_password).toMatch(/^\$2[ab]\$/);
    expect(await bcrypt.compare('secret-123', row.rows[0]!.encrypted_password)).toBe(true);
  });

  it('rejects weak passwords and existing users with GoTrue error codes', async () => {
    const supabase = stack.client();
    const weak = await supabase.auth.signUp({ email: uniqueEmail('weak'), password: '123' });
    expect(weak.error?.code).toBe('weak_password');
    expect(weak.error?.status).toBe(422);
    expect((weak.error as unknown as { reasons: string[] }).reasons).toEqual(['length']);

    const email = uniqueEmail('dup');
    expect((await supabase.auth.signUp({ email, password: 'secret-123' })).error).toBeNull();
    const again = await supabase.auth.signUp({ email, password: 'secret-123' });
    expect(again.error?.code).toBe('user_already_exists');
    expect(again.error?.status).toBe(422);

    const raw = await fetch(`${stack.url}/auth/v1/signup`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json', 'x-supabase-api-version': '2024-01-01' },
      body: JSON.stringify({ email, password: 'secret-123' }),
    });
    expect(raw.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await raw.json()).toMatchObject({ code: 'user_already_exists', error_code: 'user_already_exists', msg: 'User already registered' });
  });

  it('signs in with password; wrong password is invalid_credentials', async () => {
    const email = uniqueEmail('signin');
    await stack.client().auth.signUp({ email, password: 'secret-123' });
    const supabase = stack.client();
    const bad = await supabase.auth.signInWithPassword({ email, password: 'wrong-pass' });
    expect(bad.error?.code).toBe('invalid_credentials');
    expect(bad.error?.status).toBe(400);
    const unknown = await supabase.auth.signInWithPassword({ email: uniqueEmail('nobody'), password: 'secret-123' });
    expect(unknown.error?.code).toBe('invalid_credentials');
    const good = await supabase.auth.signInWithPassword({ email, password: 'secret-123' });
    expect(good.error).toBeNull();
    expect(good.data.user?.email).toBe(email);
    expect(good.data.user?.last_sign_in_at).toBeTruthy();
    const me = await supabase.auth.getUser();
    expect(me.data.user?.id).toBe(good.data.user?.id);
  });

  it('rotates refresh tokens; reusing a revoked one revokes the whole session', async () => {
    const email = uniqueEmail('rotate');
    const supabase = stack.client();
    const { data } = await supabase.auth.signUp({ email, password: 'secret-123' });
    const first = data.session!.refresh_token;
    const r1 = await supabase.auth.refreshSession({ refresh_token: first });
    expect(r1.error).toBeNull();
    const second = r1.data.session!.refresh_token;
    expect(second).not.toBe(first);
    expect(decodeJwt(r1.data.session!.access_token).session_id).toBe(decodeJwt(data.session!.access_token).session_id);

    // Reuse of the old token: refused, and the family (incl. the current token) is revoked.
    const reuse = await stack.client().auth.refreshSession({ refresh_token: first });
    expect(reuse.error?.code).toBe('refresh_token_already_used');
    const afterReuse = await stack.client().auth.refreshSession({ refresh_token: second });
    expect(afterReuse.error?.code).toBe('refresh_token_already_used');

    const missing = await stack.client().auth.refreshSession({ refresh_token: 'no-such-token' });
    expect(missing.error?.code).toBe('refresh_token_not_found');
  });

  it('within the reuse interval a replayed parent token gets the active token again (GoTrue)', async () => {
    const lenient = await startTestStack({ auth: { bcryptCost: 4, refreshTokenReuseInterval: 60 } });
    try {
      const supabase = lenient.client();
      const { data } = await supabase.auth.signUp({ email: uniqueEmail('interval'), password: 'secret-123' });
      const first = data.session!.refresh_token;
      const r1 = await lenient.client().auth.refreshSession({ refresh_token: first });
      const r2 = await lenient.client().auth.refreshSession({ refresh_token: first });
      expect(r2.error).toBeNull();
      expect(r2.data.session!.refresh_token).toBe(r1.data.session!.refresh_token);
    } finally {
      await lenient.close();
    }
  });

  it('updates the user (email, password, data)', async () => {
    const supabase = stack.client();
    const email = uniqueEmail('update');
    await supabase.auth.signUp({ email, password: 'secret-123' });
    const newEmail = uniqueEmail('updated');
    const updated = await supabase.auth.updateUser({ email: newEmail, password: 'secret-456', data: { city: '济宁' } });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.email).toBe(newEmail);
    expect(updated.data.user?.user_metadata).toMatchObject({ city: '济宁' });
    const same = await supabase.auth.updateUser({ password: 'secret-456' });
    expect(same.error?.code).toBe('same_password');
    const weak = await supabase.auth.updateUser({ password: '1' });
    expect(weak.error?.code).toBe('weak_password');
    const again = await stack.client().auth.signInWithPassword({ email: newEmail, password: 'secret-456' });
    expect(again.error).toBeNull();
  });

  it('logs out with scopes local / others / global', async () => {
    const email = uniqueEmail('logout');
    await stack.client().auth.signUp({ email, password: 'secret-123' });
    const a = stack.client();
    const b = stack.client();
    const c = stack.client();
    for (const s of [a, b, c]) expect((await s.auth.signInWithPassword({ email, password: 'secret-123' })).error).toBeNull();
    const tokenB = (await b.auth.getSession()).data.session!.refresh_token;
    const tokenC = (await c.auth.getSession()).data.session!.refresh_token;

    expect((await a.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await stack.client().auth.refreshSession({ refresh_token: tokenB })).error?.code).toBe('refresh_token_not_found');
    expect((await stack.client().auth.refreshSession({ refresh_token: tokenC })).error?.code).toBe('refresh_token_not_found');
    expect((await a.auth.getUser()).error).toBeNull();

    const sessionA = (await a.auth.getSession()).data.session!;
    expect((await a.auth.signOut({ scope: 'local' })).error).toBeNull();
    const after = await fetch(`${stack.url}/auth/v1/user`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${sessionA.access_token}` } });
    expect(after.status).toBe(403);
    expect(await after.json()).toMatchObject({ error_code: 'session_not_found' });

    const d = stack.client();
    await d.auth.signInWithPassword({ email, password: 'secret-123' });
    const tokenD = (await d.auth.getSession()).data.session!.refresh_token;
    expect((await d.auth.signOut()).error).toBeNull();
    expect((await stack.client().auth.refreshSession({ refresh_token: tokenD })).error?.code).toBe('refresh_token_not_found');
  });

  it('throttles failed password attempts per account (429 over_request_rate_limit)', async () => {
    const email = uniqueEmail('throttle');
    await stack.client().auth.signUp({ email, password: 'secret-123' });
    const supabase = stack.client();
    for (let i = 0; i < 5; i++) {
      expect((await supabase.auth.signInWithPassword({ email, password: `wrong-${i}` })).error?.code).toBe('invalid_credentials');
    }
    const blocked = await supabase.auth.signInWithPassword({ email, password: 'secret-123' });
    expect(blocked.error?.status).toBe(429);
    expect(blocked.error?.code).toBe('over_request_rate_limit');
    // Another account from the same address is not blocked by this account's failures.
    const other = uniqueEmail('throttle-other');
    await stack.client().auth.signUp({ email: other, password: 'secret-123' });
    expect((await stack.client().auth.signInWithPassword({ email: other, password: 'secret-123' })).error).toBeNull();
  });

  it('throttles failed attempts per client address', async () => {
    const strict = await startTestStack({ auth: { bcryptCost: 4, maxFailuresPerAddress: 3, maxFailuresPerAccount: 100 } });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await strict.client().auth.signInWithPassword({ email: uniqueEmail('addr'), password: 'whatever-1' });
        expect(r.error?.code).toBe('invalid_credentials');
      }
      const r = await strict.client().auth.signInWithPassword({ email: uniqueEmail('addr'), password: 'whatever-1' });
      expect(r.error?.code).toBe('over_request_rate_limit');
    } finally {
      await strict.close();
    }
  });

  it('admin users: service role may list/get/create/update/delete; anon and users get 403', async () => {
    const admin = stack.client(stack.serviceRoleKey).auth.admin;
    const email = uniqueEmail('admin');
    const created = await admin.createUser({ email, password: 'secret-123', email_confirm: true, user_metadata: { name: '管理员建' }, app_metadata: { tier: 'gold' } });
    expect(created.error).toBeNull();
    const id = created.data.user!.id;
    expect(created.data.user?.app_metadata).toMatchObject({ provider: 'email', tier: 'gold' });

    const got = await admin.getUserById(id);
    expect(got.data.user?.email).toBe(email);
    const list = await admin.listUsers({ page: 1, perPage: 1000 });
    expect(list.error).toBeNull();
    expect(list.data.users.some((u) => u.id === id)).toBe(true);
    const updated = await admin.updateUserById(id, { user_metadata: { name: '改过' }, password: 'secret-789' });
    expect(updated.data.user?.user_metadata).toMatchObject({ name: '改过' });
    expect((await stack.client().auth.signInWithPassword({ email, password: 'secret-789' })).error).toBeNull();
    const dup = await admin.createUser({ email, password: 'secret-123' });
    expect(dup.error?.code).toBe('email_exists');

    // Forbidden: the anon key and a signed-in user.
    const anonAdmin = stack.client().auth.admin;
    const denied = await anonAdmin.listUsers();
    expect(denied.error?.status).toBe(403);
    expect(denied.error?.code).toBe('not_admin');
    const user = stack.client();
    await user.auth.signInWithPassword({ email, password: 'secret-789' });
    const token = (await user.auth.getSession()).data.session!.access_token;
    const asUser = await fetch(`${stack.url}/auth/v1/admin/users/${id}`, { method: 'DELETE', headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` } });
    expect(asUser.status).toBe(403);

    expect((await admin.deleteUser(id)).error).toBeNull();
    expect((await admin.getUserById(id)).error?.status).toBe(404);
  });

  it('serves settings and health; refuses requests without a key', async () => {
    const settings = await fetch(`${stack.url}/auth/v1/settings`, { headers: { apikey: stack.anonKey } });
    expect(await settings.json()).toMatchObject({ mailer_autoconfirm: true, disable_signup: false, external: { email: true } });
    const health = await fetch(`${stack.url}/auth/v1/health`, { headers: { apikey: stack.anonKey } });
    expect(health.status).toBe(200);
    const noKey = await fetch(`${stack.url}/auth/v1/settings`);
    expect(noKey.status).toBe(401);
  });

  it('works in-process too (supabase-js over stack.fetch)', async () => {
    const supabase = stack.inProcessClient();
    const email = uniqueEmail('inproc');
    expect((await supabase.auth.signUp({ email, password: 'secret-123' })).error).toBeNull();
    expect((await supabase.auth.getUser()).data.user?.email).toBe(email);
  });
});
