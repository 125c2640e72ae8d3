/**
 * Statement timeouts per API role and cancellation (issue 11, finding 3), on PGlite and Postgres:
 * a slow SQL function (pg_sleep) is cut off at the caller role's limit, a client that goes away
 * cancels its statement, and other requests proceed meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteWorkerDatabase } from '../src/db/pglite-worker-db.ts';
import { signJwt } from '../src/jwt.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let userToken: string;

beforeAll(async () => {
  // Short limits keep the test quick; the roles' own settings (3 s / 8 s) are checked below.
  stack = await startTestStack({ statementTimeouts: { anon: 500, authenticated: 1500 } });
  await stack.db.exec(`
    create function public.slow_sleep(seconds float8) returns int language sql volatile as $$ select pg_sleep(seconds); select 1 $$;
    create function public.my_statement_timeout() returns text language sql stable as $$ select current_setting('statement_timeout') $$;
    grant execute on function public.slow_sleep(float8), public.my_statement_timeout() to anon, authenticated, service_role;
    notify pgrst, 'reload schema';
  `);
  userToken = await signJwt({ sub: crypto.randomUUID(), role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 }, stack.jwtSecret);
});
afterAll(async () => {
  await stack?.close();
});

const rpc = (name: string, body: unknown, token: string, signal?: AbortSignal) =>
  fetch(`${stack.url}/rest/v1/rpc/${name}`, {
    method: 'POST',
    headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

/** True while the database runs the slow function (Postgres: pg_stat_activity; PGlite: its worker). */
async function slowStatementRunning(): Promise<boolean> {
  if (stack.db.kind === 'pglite') return /slow_sleep/.test((stack.db as PgliteWorkerDatabase).runningStatement ?? '');
  const { rows } = await stack.db.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity where state = 'active' and query like '%slow_sleep%' and pid <> pg_backend_pid()`,
  );
  return rows[0]!.n > 0;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('statement timeouts per role (as Supabase: anon 3 s, authenticated 8 s, service_role none)', () => {
  it('the roles carry Supabase’s settings and each request runs with its role’s', async () => {
    const { rows } = await stack.db.query<{ rolname: string; config: string[] }>(
      `select r.rolname::text as rolname, s.setconfig as config from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
        where r.rolname in ('anon', 'authenticated') and s.setdatabase = 0 order by 1`,
    );
    expect(rows).toEqual([
      { rolname: 'anon', config: expect.arrayContaining(['statement_timeout=3s']) },
      { rolname: 'authenticated', config: expect.arrayContaining(['statement_timeout=8s']) },
    ]);
    // This stack overrides them (options), as LOCAL_SUPABASE_STATEMENT_TIMEOUTS would.
    expect(await (await rpc('my_statement_timeout', {}, stack.anonKey)).json()).toBe('500ms');
    expect(await (await rpc('my_statement_timeout', {}, userToken)).json()).toBe('1500ms');
    expect(await (await rpc('my_statement_timeout', {}, stack.serviceRoleKey)).json()).toBe('0');
  });

  it('cuts off a slow statement at the role’s limit (57014) while other requests proceed', async () => {
    const slow = rpc('slow_sleep', { seconds: 600 }, stack.anonKey);
    // Another request sent with the slow one: answered (on PGlite, one statement at a time, as soon
    // as the slow one is stopped; without the timeout it would wait ten minutes).
    const other = await fetch(`${stack.url}/rest/v1/fixture_items?select=id`, { headers: { apikey: stack.anonKey } });
    expect(other.status).toBe(200);
    const res = await slow;
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ code: '57014', message: 'canceling statement due to statement timeout' });
    const slowUser = await rpc('slow_sleep', { seconds: 600 }, userToken);
    expect(slowUser.status).toBe(504);
    expect((await slowUser.json()).code).toBe('57014');
    // The stack is fully usable afterwards, and committed data survived the interruption.
    expect((await rpc('my_statement_timeout', {}, stack.anonKey)).status).toBe(200);
  });

  it('cancels the statement when the client goes away (service_role has no timeout)', async () => {
    const abort = new AbortController();
    const restartsBefore = stack.db.kind === 'pglite' ? (stack.db as PgliteWorkerDatabase).restarts : 0;
    const slow = rpc('slow_sleep', { seconds: 600 }, stack.serviceRoleKey, abort.signal).catch((e: Error) => e);
    await until(slowStatementRunning, 'the slow statement to start');
    abort.abort();
    expect(await slow).toBeInstanceOf(Error);
    await until(async () => !(await slowStatementRunning()), 'the slow statement to be cancelled');
    if (stack.db.kind === 'pglite') expect((stack.db as PgliteWorkerDatabase).restarts).toBe(restartsBefore + 1);
    // Without the cancel this would wait ten minutes behind the sleep on PGlite.
    const next = await fetch(`${stack.url}/rest/v1/fixture_items?select=id`, { headers: { apikey: stack.serviceRoleKey } });
    expect(next.status).toBe(200);
  });
});
