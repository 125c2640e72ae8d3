import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { startLocalSupabase } from '../src/server.ts';
import { signJwt } from '../src/jwt.ts';
import { emptyPgliteCluster } from '../src/testing.ts';
import { FIXTURE_PROJECT, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
const lines: string[] = [];
beforeAll(async () => {
  // The app passes its own texts for people (Tuoyu: supabase/local-supabase.messages.json); defaults are English.
  stack = await startTestStack({
    log: (line) => lines.push(line),
    limits: { maxBodyBytes: 4096, maxUrlLength: 2048 },
    messages: { bodyTooLarge: '请求体过大（上限 {limit} 字节）。' },
  });
});
afterAll(async () => {
  await stack?.close();
});

const now = () => Math.floor(Date.now() / 1000);
async function restWith(token: string): Promise<Response> {
  return fetch(`${stack.url}/rest/v1/fixture_items?select=id`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` } });
}

describe('gateway: JWT verification (PostgREST semantics)', () => {
  it('accepts the anon and service keys and a valid user token', async () => {
    for (const token of [stack.anonKey, stack.serviceRoleKey, await signJwt({ sub: crypto.randomUUID(), role: 'authenticated', exp: now() + 60 }, stack.jwtSecret)]) {
      const res = await restWith(token);
      expect(res.status).not.toBe(401);
    }
  });

  it('rejects expired tokens with PGRST303', async () => {
    const res = await restWith(await signJwt({ role: 'authenticated', sub: crypto.randomUUID(), exp: now() - 10 }, stack.jwtSecret));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
  });

  it('rejects a wrong secret, alg none, other algorithms and garbage with PGRST301', async () => {
    const wrongSecret = await signJwt({ role: 'service_role', exp: now() + 60 }, 'another-secret-that-is-at-least-32-characters');
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ role: 'service_role', exp: now() + 60 })}.`;
    const hs512 = await new SignJWT({ role: 'service_role', exp: now() + 60 })
      .setProtectedHeader({ alg: 'HS512' })
      .sign(new TextEncoder().encode(stack.jwtSecret));
    for (const token of [wrongSecret, algNone, hs512, 'not-a-jwt', 'a.b.c']) {
      const res = await restWith(token);
      expect(res.status, token).toBe(401);
      expect((await res.json()).code).toBe('PGRST301');
    }
  });

  it('rejects a role claim that is not a role the authenticator may switch to', async () => {
    for (const role of ['postgres', 'no_such_role', 'authenticator', 'pg_read_all_data']) {
      const res = await restWith(await signJwt({ role, exp: now() + 60 }, stack.jwtSecret));
      expect(res.status, role).toBe(401);
      expect((await res.json()).code).toBe('PGRST301');
    }
  });

  it('lets the Bearer token win over the apikey', async () => {
    const expired = await signJwt({ role: 'anon', exp: now() - 10 }, stack.jwtSecret);
    const res = await fetch(`${stack.url}/rest/v1/fixture_items`, { headers: { apikey: stack.serviceRoleKey, authorization: `Bearer ${expired}` } });
    expect(res.status).toBe(401);
  });

  it('refuses requests with no key at all', async () => {
    const res = await fetch(`${stack.url}/rest/v1/fixture_items`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'No API key found in request' });
  });
});

describe('gateway: CORS, health, limits, log', () => {
  it('answers preflight like Supabase', async () => {
    const res = await fetch(`${stack.url}/rest/v1/fixture_items`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'apikey,authorization,content-type,prefer,x-client-info,x-supabase-api-version,x-custom',
      },
    });
    expect([200, 204]).toContain(res.status);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const methods = res.headers.get('access-control-allow-methods')!;
    for (const m of ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS']) expect(methods).toContain(m);
    const allowed = res.headers.get('access-control-allow-headers')!.split(',');
    for (const h of ['apikey', 'authorization', 'content-type', 'prefer', 'accept-profile', 'content-profile', 'range', 'x-client-info', 'x-supabase-api-version', 'x-upsert', 'cache-control', 'x-custom']) {
      expect(allowed).toContain(h);
    }
  });

  it('exposes headers on every response, errors included', async () => {
    for (const p of ['/rest/v1/fixture_items', '/auth/v1/settings', '/storage/v1/bucket', '/nope']) {
      const res = await fetch(`${stack.url}${p}`, { headers: { apikey: stack.anonKey, origin: 'http://x' } });
      expect(res.headers.get('access-control-allow-origin'), p).toBe('*');
      const exposed = res.headers.get('access-control-expose-headers')!;
      for (const h of ['content-range', 'content-profile', 'x-supabase-api-version']) expect(exposed).toContain(h);
    }
  });

  it('reports health', async () => {
    const res = await fetch(`${stack.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: stack.db.kind });
  });

  it('limits URL length (414) and body size (413) with JSON errors', async () => {
    const long = await fetch(`${stack.url}/rest/v1/fixture_items?select=${'a'.repeat(3000)}`, { headers: { apikey: stack.anonKey } });
    expect(long.status).toBe(414);
    expect((await long.json()).code).toBeTruthy();
    const big = JSON.stringify({ email: 'x@example.test', password: 'y'.repeat(10_000) });
    const auth = await fetch(`${stack.url}/auth/v1/signup`, { method: 'POST', headers: { apikey: stack.anonKey, 'content-type': 'application/json' }, body: big });
    expect(auth.status).toBe(413);
    expect(await auth.json()).toMatchObject({ error_code: 'request_too_large' });
    const rest = await fetch(`${stack.url}/rest/v1/fixture_items`, { method: 'POST', headers: { apikey: stack.anonKey, 'content-type': 'application/json' }, body: big });
    expect(rest.status).toBe(413);
    // The gateway's limit reaches the REST engine, which reads the body once and names the limit.
    expect(await rest.json()).toMatchObject({ code: 'PGRST413', message: '请求体过大（上限 4096 字节）。' });
    // Chunked bodies (no Content-Length) are counted too.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('z'.repeat(1000)));
        controller.close();
      },
    });
    const chunked = await fetch(`${stack.url}/functions/v1/hello`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('logs one line per request', async () => {
    const before = lines.length;
    await fetch(`${stack.url}/health`);
    expect(lines.length).toBe(before + 1);
    expect(lines.at(-1)).toMatch(/GET \/health 200 [\d.]+ms$/);
  });
});

describe('functions /functions/v1', () => {
  it('runs a handler through supabase-js', async () => {
    const { data, error } = await stack.client().functions.invoke('hello', { body: { name: '小红' } });
    expect(error).toBeNull();
    expect(data).toEqual({ message: '你好，小红', method: 'POST' });
  });

  it('verifies the JWT by default; verify_jwt = false in config.toml opens a function', async () => {
    const open = await fetch(`${stack.url}/functions/v1/hello`);
    expect(open.status).toBe(200);
    const noAuth = await fetch(`${stack.url}/functions/v1/env-check`, { headers: { apikey: stack.anonKey } });
    expect(noAuth.status).toBe(401);
    const badAuth = await fetch(`${stack.url}/functions/v1/env-check`, {
      headers: { authorization: `Bearer ${await signJwt({ role: 'anon', exp: now() + 60 }, 'wrong-secret-wrong-secret-wrong-secret!!')}` },
    });
    expect(badAuth.status).toBe(401);
  });

  it('gives the Supabase environment per call without touching process.env', async () => {
    const res = await fetch(`${stack.url}/functions/v1/env-check`, { headers: { authorization: `Bearer ${stack.anonKey}` } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ url: stack.url, hasAnon: true, hasService: true, hasSecret: true, fromDotEnv: '你好', leakedToProcessEnv: false, authHealth: 200 });
    expect(process.env.SUPABASE_SERVICE_ROLE_KEY).toBeUndefined();
    if (stack.db.kind === 'postgres') expect(body.dbUrl).toBeNull(); // a Database object was handed in: no URL known
  });

  it('answers 404 for unknown functions and 500 JSON when a handler throws', async () => {
    const missing = await fetch(`${stack.url}/functions/v1/does-not-exist`, { headers: { authorization: `Bearer ${stack.anonKey}` } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    const boom = await fetch(`${stack.url}/functions/v1/boom`, { headers: { authorization: `Bearer ${stack.anonKey}` } });
    expect(boom.status).toBe(500);
    expect(await boom.json()).toMatchObject({ code: 'FUNCTION_ERROR', message: 'boom' });
  });
});

describe('startLocalSupabase lifecycle', () => {
  it('finishes in-flight requests on stop, then releases the port and the PGlite lock', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-life-'));
    try {
      // A new cluster in the data folder (a copy of the run's, not an initdb of its own: ~5 s of
      // CPU); nothing migrated or seeded yet, so this start is a first run.
      await cp(await emptyPgliteCluster(), path.join(dir, 'pglite'), { recursive: true });
      const first = await startLocalSupabase({ workdir: FIXTURE_PROJECT, dataDir: dir, port: 0 });
      expect(existsSync(path.join(dir, 'pglite', 'local-supabase.lock'))).toBe(true);
      // First run seeds; fixture_items has the seed rows.
      expect((await first.db.query<{ n: number }>('select count(*)::int as n from public.fixture_items')).rows[0]?.n).toBe(2);
      const mark = path.join(dir, 'slow-started');
      const inFlight = fetch(`${first.url}/functions/v1/slow?ms=400&mark=${encodeURIComponent(mark)}`);
      // Stop only once the request is inside the handler (on a busy machine that can take seconds).
      await expect.poll(() => existsSync(mark)).toBe(true);
      await first.stop();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ slept: 400 });
      await expect(fetch(`${first.url}/health`)).rejects.toThrow();
      expect(existsSync(path.join(dir, 'pglite', 'local-supabase.lock'))).toBe(false);
      // A second run reuses the data (no second seed) in the same folder.
      const second = await startLocalSupabase({ workdir: FIXTURE_PROJECT, dataDir: dir, port: 0 });
      expect((await second.db.query<{ n: number }>('select count(*)::int as n from public.fixture_items')).rows[0]?.n).toBe(2);
      await second.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
