/**
 * Issue 11 findings against the gateway, auth and storage: each test reproduces the attack
 * (it failed before the fix) and asserts the answer now given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database, Queryable } from '../src/db/types.ts';
import { createRestHandler } from '../src/rest/index.ts';
import { startTestStack, uniqueEmail, type TestStack } from './support/stack.ts';

let stack: TestStack;
const lines: string[] = [];
const codes = new Map<string, string>();
let admin: SupabaseClient;

async function signedIn(): Promise<{ client: SupabaseClient; id: string; token: string }> {
  const client = stack.client();
  const { data, error } = await client.auth.signUp({ email: uniqueEmail('hard'), password: 'secret-123' });
  if (error) throw error;
  return { client, id: data.user!.id, token: data.session!.access_token };
}

beforeAll(async () => {
  stack = await startTestStack({
    log: (line) => lines.push(line),
    auth: { bcryptCost: 4, maxFailuresPerAccount: 5, maxFailuresPerAddress: 1000, securePasswordChange: true, refreshTokenReuseInterval: 0 },
    sendReauthenticationCode: (email, code) => void codes.set(email, code),
    storage: { signedUrlMaxAge: 3600 },
  });
  admin = stack.client(stack.serviceRoleKey);
  await stack.db.exec(`
    create table public.shared_readers (user_id uuid primary key);
    grant select on public.shared_readers to authenticated;
    create policy shared_read on storage.objects for select to authenticated
      using (bucket_id = 'shared' and exists (select 1 from public.shared_readers r where r.user_id = (select auth.uid())));
  `);
  expect((await admin.storage.createBucket('shared', { public: false })).error).toBeNull();
  expect((await admin.storage.createBucket('docs', { public: false, allowedMimeTypes: ['application/pdf', 'image/png', 'text/plain'] })).error).toBeNull();
});
afterAll(async () => {
  await stack?.close();
});

const storageUrl = (path: string) => `${stack.url}/storage/v1${path}`;
const service = () => ({ authorization: `Bearer ${stack.serviceRoleKey}`, apikey: stack.serviceRoleKey });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function expectJsonError(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(JSON.stringify(body)).not.toContain(stack.storageDir);
  expect(JSON.stringify(body)).not.toMatch(/\/(tmp|work|home)\//);
  return body;
}

describe('malformed input gets 4xx JSON, never 5xx or server paths (finding 11)', () => {
  it('bad percent-encoding on storage routes, with and without a key', async () => {
    await expectJsonError(await fetch(storageUrl('/object/public/docs/%E0%A4%A')), 400);
    await expectJsonError(await fetch(storageUrl('/object/sign/docs/a%zz.pdf?token=x')), 400);
    await expectJsonError(await fetch(storageUrl('/object/docs/%ff%fe.pdf'), { headers: service() }), 400);
  });

  it('invalid x-metadata and form metadata', async () => {
    const bad = await fetch(storageUrl('/object/docs/meta.txt'), {
      method: 'POST',
      headers: { ...service(), 'content-type': 'text/plain', 'x-metadata': Buffer.from('{not json').toString('base64') },
      body: 'hello',
    });
    expect(await expectJsonError(bad, 400)).toMatchObject({ error: 'InvalidRequest' });
    const form = new FormData();
    form.append('metadata', '[1,');
    form.append('', new Blob(['hello'], { type: 'text/plain' }), 'meta.txt');
    await expectJsonError(await fetch(storageUrl('/object/docs/meta2.txt'), { method: 'POST', headers: service(), body: form }), 400);
  });

  it('a 300-character file name is refused without quoting server paths', async () => {
    const res = await fetch(storageUrl(`/object/docs/${'a'.repeat(300)}.txt`), {
      method: 'POST',
      headers: { ...service(), 'content-type': 'text/plain' },
      body: 'long',
    });
    expect(await expectJsonError(res, 400)).toMatchObject({ error: 'InvalidKey' });
  });

  it('JSON nested 5,000 deep', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const deepObject = `{"a":${deep}}`;
    const rest = await fetch(`${stack.url}/rest/v1/fixture_items`, {
      method: 'POST',
      headers: { ...service(), 'content-type': 'application/json' },
      body: deepObject,
    });
    expect(rest.status).toBeGreaterThanOrEqual(400);
    expect(rest.status).toBeLessThan(500);
    const rpc = await fetch(`${stack.url}/rest/v1/rpc/whoami`, { method: 'POST', headers: { ...service(), 'content-type': 'application/json' }, body: deepObject });
    expect(rpc.status).toBeGreaterThanOrEqual(400);
    expect(rpc.status).toBeLessThan(500);
    const signup = await fetch(`${stack.url}/auth/v1/signup`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail('deep'), password: 'secret-123', data: { a: 1 } }).replace('{"a":1}', deepObject),
    });
    expect(signup.status).toBeGreaterThanOrEqual(400);
    expect(signup.status).toBeLessThan(500);
    const meta = await fetch(storageUrl('/object/docs/deep.txt'), {
      method: 'POST',
      headers: { ...service(), 'content-type': 'text/plain', 'x-metadata': Buffer.from(deepObject).toString('base64') },
      body: 'deep',
    });
    expect(meta.status).toBeGreaterThanOrEqual(400);
    expect(meta.status).toBeLessThan(500);
  });
});

describe('uploads are checked against their declared type; downloads are nosniff', () => {
  it('refuses HTML declared as PDF and a PNG that is not one; accepts a real PDF', async () => {
    const html = await admin.storage.from('docs').upload('fake.pdf', Buffer.from('<html><script>alert(1)</script></html>'), { contentType: 'application/pdf' });
    expect(html.error).toBeTruthy();
    expect((html.error as unknown as { status: number }).status).toBe(415);
    const png = await admin.storage.from('docs').upload('fake.png', Buffer.from('GIF89a not a png'), { contentType: 'image/png' });
    expect((png.error as unknown as { status: number }).status).toBe(415);
    expect((await admin.storage.from('docs').upload('real.pdf', PDF, { contentType: 'application/pdf' })).error).toBeNull();
    const res = await fetch(storageUrl('/object/docs/real.pdf'), { headers: service() });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('application/pdf');
  });
});

describe('signed URLs (finding 10)', () => {
  it('caps the lifetime', async () => {
    await admin.storage.from('docs').upload('cap.txt', Buffer.from('cap'), { contentType: 'text/plain', upsert: true });
    const long = await admin.storage.from('docs').createSignedUrl('cap.txt', 100 * 365 * 24 * 3600);
    expect(long.error).toBeTruthy();
    expect((long.error as unknown as { status: number }).status).toBe(400);
    expect(long.error!.message).toContain('3600');
    expect((await admin.storage.from('docs').createSignedUrl('cap.txt', 3600)).error).toBeNull();
  });

  it('stop working once the signer loses read access', async () => {
    const reader = await signedIn();
    await stack.db.query('insert into public.shared_readers values ($1)', [reader.id]);
    expect((await admin.storage.from('shared').upload('report.txt', Buffer.from('shared'), { contentType: 'text/plain' })).error).toBeNull();
    const signed = await reader.client.storage.from('shared').createSignedUrl('report.txt', 600);
    expect(signed.error).toBeNull();
    expect((await fetch(signed.data!.signedUrl)).status).toBe(200);
    await stack.db.query('delete from public.shared_readers where user_id = $1', [reader.id]);
    const after = await fetch(signed.data!.signedUrl);
    expect(after.status).toBe(404);
    // The service role's URLs keep working.
    const bySuper = await admin.storage.from('shared').createSignedUrl('report.txt', 600);
    expect((await fetch(bySuper.data!.signedUrl)).status).toBe(200);
  });
});

describe('request log redaction', () => {
  it('never prints signed-URL tokens or ?apikey= values', async () => {
    await admin.storage.from('docs').upload('logged.txt', Buffer.from('log'), { contentType: 'text/plain', upsert: true });
    const signed = await admin.storage.from('docs').createSignedUrl('logged.txt', 60);
    const token = new URL(signed.data!.signedUrl).searchParams.get('token')!;
    expect((await fetch(signed.data!.signedUrl)).status).toBe(200);
    expect((await fetch(`${stack.url}/auth/v1/settings?apikey=${stack.anonKey}`)).status).toBe(200);
    const logged = lines.join('\n');
    expect(logged).toContain('/storage/v1/object/sign/docs/logged.txt?token=***');
    expect(logged).toContain('/auth/v1/settings?apikey=***');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(stack.anonKey);
  });
});

describe('password attempts cannot be raced (finding 6)', () => {
  it('49 wrong and 1 right sent at once: at most the account limit are evaluated', async () => {
    const email = uniqueEmail('race');
    expect((await stack.client().auth.signUp({ email, password: 'right-pass' })).error).toBeNull();
    const attempt = (password: string) =>
      stack.fetch(`${stack.url}/auth/v1/token?grant_type=password`, {
        method: 'POST',
        headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const responses = await Promise.all([...Array.from({ length: 49 }, (_, i) => attempt(`wrong-${i}`)), attempt('right-pass')]);
    const statuses = responses.map((r) => r.status);
    const evaluated = statuses.filter((s) => s !== 429);
    expect(evaluated.length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(45);
    // The right password arrived last: it was refused with the others, not evaluated.
    expect(statuses[49]).toBe(429);
  });
});

describe('schema reloads on a miss are throttled (finding 12)', () => {
  it('many requests for tables that do not exist share a reload, and keep 42P01', async () => {
    let loads = 0;
    const counting = (q: Queryable): Queryable => ({
      query: <T,>(sql: string, params?: unknown[]) => {
        if (sql.includes('p.pronargdefaults')) loads++; // the schema cache's function list: once per load
        return q.query<T>(sql, params);
      },
      exec: (sql: string) => q.exec(sql),
    });
    const db: Database = {
      kind: stack.db.kind,
      location: stack.db.location,
      ...counting(stack.db),
      tx: (fn) => stack.db.tx((q) => fn(counting(q))),
      listen: (channel, cb) => stack.db.listen(channel, cb),
      close: async () => {},
    };
    const handler = createRestHandler({ db, listen: false });
    const auth = { role: 'anon', claims: { role: 'anon' } };
    const get = (path: string) => handler.handle(new Request(`http://x/rest/v1${path}`), auth, path);
    expect((await get('/fixture_items')).status).toBe(200);
    expect(loads).toBe(1);
    const misses = await Promise.all(Array.from({ length: 30 }, (_, i) => get(`/no_such_table_${i}`)));
    for (const res of misses) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: '42P01' });
    }
    expect(loads).toBeLessThanOrEqual(2);
  });
});

describe('changing the password (finding 9, GoTrue secure password change)', () => {
  it('a fresh session may; an old one needs the reauthentication nonce; other sessions end', async () => {
    const email = uniqueEmail('pw');
    const a = stack.client();
    const signup = await a.auth.signUp({ email, password: 'first-pass' });
    expect(signup.error).toBeNull();
    const b = stack.client();
    const other = await b.auth.signInWithPassword({ email, password: 'first-pass' });
    expect(other.error).toBeNull();

    // Session A is minutes old: no nonce needed. Session B's refresh token dies with the change.
    expect((await a.auth.updateUser({ password: 'second-pass' })).error).toBeNull();
    expect((await stack.client().auth.refreshSession({ refresh_token: other.data.session!.refresh_token })).error?.code).toBe('refresh_token_not_found');
    expect((await a.auth.getUser()).error).toBeNull();

    // Session A grows older than GoTrue's 24 h: the change now needs the nonce.
    await stack.db.query(`update auth.sessions set created_at = now() - interval '25 hours' where user_id = $1`, [signup.data.user!.id]);
    const none = await a.auth.updateUser({ password: 'third-pass' });
    expect(none.error?.code).toBe('reauthentication_needed');
    expect(none.error?.status).toBe(400);
    const wrong = await a.auth.updateUser({ password: 'third-pass', nonce: '000000' });
    expect(wrong.error?.code).toBe('reauthentication_not_valid');
    expect((await a.auth.reauthenticate()).error).toBeNull();
    const code = codes.get(email)!;
    expect(code).toMatch(/^\d{6}$/);
    expect((await a.auth.updateUser({ password: 'third-pass', nonce: code })).error).toBeNull();
    // A nonce works once.
    expect((await a.auth.updateUser({ password: 'fourth-pass', nonce: code })).error?.code).toBe('reauthentication_not_valid');
    expect((await stack.client().auth.signInWithPassword({ email, password: 'third-pass' })).error).toBeNull();
  });

  it('an admin setting a password ends every session of that user', async () => {
    const email = uniqueEmail('pwadmin');
    const c = stack.client();
    const { data } = await c.auth.signUp({ email, password: 'first-pass' });
    expect((await admin.auth.admin.updateUserById(data.user!.id, { password: 'admin-set-pass' })).error).toBeNull();
    expect((await stack.client().auth.refreshSession({ refresh_token: data.session!.refresh_token })).error?.code).toBe('refresh_token_not_found');
  });
});
