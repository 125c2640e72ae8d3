/**
 * Several serving processes (`workers`, Postgres mode): one port, every process answers, the
 * failed-login limit holds across them (the counters live in the database), and stop() ends them.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSupabase, type LocalSupabase } from '../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';
import { FIXTURE_PROJECT, uniqueEmail } from './support/stack.ts';

const postgres = process.env.TEST_DB === 'postgres';

/** One request on its own connection (no keep-alive), so successive calls can land on any process. */
function fresh(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: { connection: 'close', ...init.headers }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe.skipIf(!postgres)('workers: several serving processes over Postgres', () => {
  let testDb: TestDatabase;
  let stack: LocalSupabase;

  beforeAll(async () => {
    testDb = await createTestDatabase({ workdir: FIXTURE_PROJECT, seed: false });
    stack = await startLocalSupabase({ workdir: FIXTURE_PROJECT, db: testDb.url!, port: 0, seed: 'never', workers: 3, auth: { bcryptCost: 4 } });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await testDb?.drop();
  });

  it('answers REST from more than one process on the one port', async () => {
    // Sent at once on their own connections: whichever process accepts first serves each.
    const answers = await Promise.all(Array.from({ length: 40 }, () => fresh(`${stack.url}/rest/v1/no_such_table`, { headers: { apikey: stack.anonKey } })));
    for (const r of answers) expect(r.status).toBe(404);
    // Each process's REST engine LISTENs for schema reloads on its own connection once it has served.
    const { rows } = await testDb.db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it('the per-account limit holds across processes: at most 5 of 40 wrong passwords sent at once are evaluated', async () => {
    const email = uniqueEmail('workers-race');
    const signup = await fresh(`${stack.url}/auth/v1/signup`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'right-pass' }),
    });
    expect(signup.status).toBe(200);
    const attempt = (password: string) =>
      fresh(`${stack.url}/auth/v1/token?grant_type=password`, {
        method: 'POST',
        headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const statuses = (await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`wrong-${i}`)))).map((r) => r.status);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(1);
    // Blocked everywhere now, even with the right password.
    for (let i = 0; i < 3; i++) expect((await attempt('right-pass')).status).toBe(429);
  });

  it('stop() ends the forked processes', async () => {
    const url = stack.url;
    await stack.stop();
    await expect(fresh(`${url}/health`)).rejects.toThrow();
    // a closed connection's backend leaves pg_stat_activity when its process exits, a moment later
    const others = async () =>
      (await testDb.db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      )).rows[0]?.n;
    await expect.poll(others).toBe(0);
  });
});
