import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/postgres.ts';
import { createRestHandler } from '../../src/rest/index.ts';
import type { TestStack } from '../support/stack.ts';
import { OWNER_1, rest, startRestStack, userToken } from './support.ts';

let stack: TestStack;
let owner1: string;
beforeAll(async () => {
  stack = await startRestStack();
  owner1 = await userToken(stack, OWNER_1);
});
afterAll(async () => {
  await stack?.close();
});

const SERVICE = { role: 'service_role', claims: { role: 'service_role' } };

describe('PostgREST HTTP contract', () => {
  it('embedding errors: ambiguous → 300 PGRST201, none → 400 PGRST200, hint resolves', async () => {
    const ambiguous = await rest(stack, '/orgs?select=id,profiles(id)');
    expect(ambiguous.status).toBe(300);
    expect(ambiguous.json).toMatchObject({
      code: 'PGRST201',
      message: "Could not embed because more than one relationship was found for 'orgs' and 'profiles'",
    });
    expect((ambiguous.json as { details: unknown[] }).details).toHaveLength(2);
    expect((ambiguous.json as { hint: string }).hint).toContain("'profiles!orgs_owner_id_fkey'");
    const byConstraint = await rest(stack, '/orgs?select=id,profiles!profiles_org_id_fkey(full_name)&id=eq.1');
    expect(byConstraint.json).toEqual([{ id: 1, profiles: [{ full_name: '张园长' }] }]);
    const none = await rest(stack, '/orgs?select=id,tripwire(id)');
    expect(none.status).toBe(400);
    expect(none.json).toMatchObject({ code: 'PGRST200', message: "Could not find a relationship between 'orgs' and 'tripwire' in the schema cache" });
    const notSelected = await rest(stack, '/orgs?select=id&centers.city=eq.x');
    expect(notSelected.status).toBe(400);
    expect(notSelected.json).toMatchObject({ code: 'PGRST108' });
    const nullFilter = await rest(stack, '/orgs?select=id,org_settings(theme)&org_settings=not.is.null');
    expect(nullFilter.json).toEqual([{ id: 1, org_settings: { theme: 'dark' } }]);
    const antiJoin = await rest(stack, '/orgs?select=id,org_settings(theme)&org_settings=is.null');
    expect(antiJoin.json).toEqual([{ id: 2, org_settings: null }]);
  });

  it('logic trees: and=, not.or=, nested, quoted values with reserved characters', async () => {
    const ids = async (qs: string) => ((await rest(stack, `/centers?select=id&order=id&${qs}`, { token: owner1 })).json as { id: number }[]).map((r) => r.id);
    expect(await ids('and=(city.eq.北京,status.eq.open)')).toEqual([1]);
    expect(await ids('not.or=(city.eq.北京,city.eq.济宁)')).toEqual([4]);
    expect(await ids('or=(and(city.eq.北京,status.not.eq.open),id.eq.4)')).toEqual([3, 4]);
    expect(await ids(`or=(name.eq.${encodeURIComponent('"a,b.(c)"')},id.in.(1,2))`)).toEqual([1, 2]);
    expect(await ids('or=(id.eq.1,not.and(id.gte.2,id.lte.3))')).toEqual([1, 4]);
    const notAnEmbed = await rest(stack, '/centers?select=id&rooms=not.is.null');
    expect(notAnEmbed.json).toMatchObject({ code: '42703' });
  });

  it('unknown columns and tables', async () => {
    const col = await rest(stack, '/centers?select=nope');
    expect(col.status).toBe(400);
    expect(col.json).toMatchObject({ code: '42703', message: 'column centers.nope does not exist' });
    const table = await rest(stack, '/nope');
    expect(table.status).toBe(404);
    // PostgREST 12 lets Postgres answer for an unknown relation.
    expect(table.json).toEqual({ code: '42P01', details: null, hint: null, message: 'relation "public.nope" does not exist' });
  });

  it('Range header, 206, 416, HEAD, Content-Range', async () => {
    const ranged = await rest(stack, '/centers?select=id&order=id', { token: owner1, headers: { range: '0-1', 'range-unit': 'items', prefer: 'count=exact' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('0-1/4');
    expect(ranged.json).toEqual([{ id: 1 }, { id: 2 }]);
    const all = await rest(stack, '/centers?select=id', { token: owner1, headers: { prefer: 'count=exact' } });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-range')).toBe('0-3/4');
    const noCount = await rest(stack, '/centers?select=id&limit=2&offset=1', { token: owner1 });
    expect(noCount.headers.get('content-range')).toBe('1-2/*');
    const empty = await rest(stack, '/centers?select=id&id=eq.999', { headers: { prefer: 'count=exact' } });
    expect(empty.headers.get('content-range')).toBe('*/0');
    expect(empty.json).toEqual([]);
    const beyond = await rest(stack, '/centers?select=id&offset=10', { headers: { prefer: 'count=exact' } });
    expect(beyond.status).toBe(416);
    expect(beyond.json).toMatchObject({ code: 'PGRST103' });
    const inverted = await rest(stack, '/centers?select=id', { headers: { range: '5-2' } });
    expect(inverted.status).toBe(416);
    const head = await rest(stack, '/centers?select=id', { method: 'HEAD', headers: { prefer: 'count=exact' } });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('content-range')).toBe('0-2/3');
  });

  it('media types: object, csv, unknown → 406', async () => {
    const obj = await rest(stack, '/centers?select=id&id=eq.1', { headers: { accept: 'application/vnd.pgrst.object+json' } });
    expect(obj.text).toBe('{"id":1}');
    // A row whose selected columns are all NULL is still a row.
    const nulls = await rest(stack, '/centers?select=deleted_at&id=eq.1', { headers: { accept: 'application/vnd.pgrst.object+json', prefer: 'count=exact' } });
    expect(nulls.text).toBe('{"deleted_at":null}');
    expect(nulls.headers.get('content-range')).toBe('0-0/1');
    const bad = await rest(stack, '/centers', { headers: { accept: 'text/xml' } });
    expect(bad.status).toBe(406);
    expect(bad.json).toMatchObject({ code: 'PGRST107' });
    const fallback = await rest(stack, '/centers?select=id&id=eq.1', { headers: { accept: 'text/xml, application/json;q=0.5' } });
    expect(fallback.status).toBe(200);
    const csv = await rest(stack, '/centers?select=id,city&id=eq.1', { headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toBe('id,city\n1,北京');
  });

  it('permission errors: 401 for anon, 403 for authenticated', async () => {
    const anon = await rest(stack, '/locked');
    expect(anon.status).toBe(401);
    expect(anon.json).toMatchObject({ code: '42501', message: 'permission denied for table locked' });
    const user = await rest(stack, '/locked', { token: owner1 });
    expect(user.status).toBe(403);
    const service = await rest(stack, '/locked', { token: stack.serviceRoleKey });
    expect(service.status).toBe(200);
  });

  it('writes report Content-Range with count and insert is 201', async () => {
    const ins = await rest(stack, '/tags', { method: 'POST', token: stack.serviceRoleKey, headers: { prefer: 'count=exact' }, body: JSON.stringify([{ label: 'c1' }, { label: 'c2' }]) });
    expect(ins.status).toBe(201);
    expect(ins.headers.get('content-range')).toBe('*/2'); // PostgREST: inserts have no range, only the count
    expect(ins.text).toBe('');
  });

  it('a read planned once serves every caller with their own rows and its own range', async () => {
    const ids = async (token?: string, headers: Record<string, string> = {}) =>
      ((await rest(stack, '/centers?select=id&order=id&id=lt.4', { ...(token ? { token } : {}), headers })).json as { id: number }[]).map((r) => r.id);
    expect(await ids()).toEqual([1, 2]); // anon: open centres only
    expect(await ids(owner1)).toEqual([1, 2, 3]);
    expect(await ids()).toEqual([1, 2]);
    expect(await ids(owner1, { range: '1-1' })).toEqual([2]);
    expect(await ids(owner1)).toEqual([1, 2, 3]);
  });

  it('an RPC planned once (POST, same argument names) runs with each call’s own arguments and caller', async () => {
    const post = async (fn: string, body: unknown, init: { token?: string; headers?: Record<string, string> } = {}) => (await rest(stack, `/rpc/${fn}`, { method: 'POST', body: JSON.stringify(body), ...init })).json;
    expect(await post('add_numbers', { a: 1 })).toBe(2);
    expect(await post('add_numbers', { a: 40 })).toBe(41);
    expect(await post('add_numbers', { b: 3, a: 5 })).toBe(8);
    expect(await post('add_numbers', { a: 5, b: 30 })).toBe(35);
    expect(await post('whole_body', { any: 1 })).toEqual({ got: { any: 1 } });
    expect(await post('whole_body', { any: 2 })).toEqual({ got: { any: 2 } });
    expect(await post('echo_json', { payload: { n: 1 } }, { headers: { prefer: 'params=single-object' } })).toEqual({ payload: { n: 1 } });
    expect(await post('echo_json', { payload: { n: 2 } }, { headers: { prefer: 'params=single-object' } })).toEqual({ payload: { n: 2 } });
    expect(await post('echo_json', { payload: { n: 3 } })).toEqual({ n: 3 });
    // The plan holds no identity: each caller runs as themselves.
    expect(await post('whoami', {})).toBe('anon');
    expect(await post('whoami', {}, { token: owner1 })).toBe(OWNER_1);
    expect(await post('whoami', {})).toBe('anon');
    // A refused call after a planned one with the same names is still refused, and vice versa.
    expect((await rest(stack, '/rpc/add_numbers', { method: 'POST', body: '{"a":"x"}' })).status).toBe(400);
    expect((await rest(stack, '/rpc/add_numbers', { method: 'POST', body: '{"a":', headers: {} })).status).toBe(400);
    expect((await rest(stack, '/rpc/add_numbers', { method: 'POST', body: '{"a":7}', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect(await post('add_numbers', { a: 7 })).toBe(8);
  });

  it('a schema reload drops planned RPC calls', async () => {
    await stack.db.exec(`create function public.late_rpc(a int) returns int language sql immutable as 'select a + 1'`);
    const call = async (a: number) => (await rest(stack, '/rpc/late_rpc', { method: 'POST', body: JSON.stringify({ a }) })).json;
    expect(await call(1)).toBe(2);
    expect(await call(2)).toBe(3);
    // The same name and argument, another result shape: a plan kept past the reload would still
    // call it as a scalar function.
    await stack.db.exec(`drop function public.late_rpc(int); create function public.late_rpc(a int) returns table (v int, w int) language sql immutable as 'select a + 1, 0'`);
    await stack.db.exec(`notify pgrst, 'reload schema'`);
    await expect.poll(async () => call(1)).toEqual([{ v: 2, w: 0 }]);
    expect(await call(5)).toEqual([{ v: 6, w: 0 }]);
  });

  it('reloads the schema on a cache miss and on NOTIFY pgrst', async () => {
    await stack.db.exec(`create table public.late_table (id int primary key, label text); insert into public.late_table values (1, 'a');`);
    const late = await rest(stack, '/late_table?select=id,label', { token: stack.serviceRoleKey });
    expect(late.json).toEqual([{ id: 1, label: 'a' }]);
    await stack.db.exec(`alter table public.late_table rename column label to title`);
    await stack.db.exec(`notify pgrst, 'reload schema'`);
    // The reload is asynchronous (LISTEN): poll until the new column shows.
    await expect.poll(async () => (await rest(stack, '/late_table', { token: stack.serviceRoleKey })).json).toEqual([{ id: 1, title: 'a' }]);
    await stack.db.exec(`alter table public.late_table rename column title to caption`);
    // Without NOTIFY: the stale `*` fails in Postgres, the engine reloads once and retries.
    const retried = await rest(stack, '/late_table', { token: stack.serviceRoleKey });
    expect(retried.json).toEqual([{ id: 1, caption: 'a' }]);
    await stack.db.exec(`create function public.late_fn() returns int language sql immutable as 'select 42'`);
    expect((await rest(stack, '/rpc/late_fn', { method: 'POST', body: '{}' })).json).toBe(42);
  });

  it('size limits: 413 for bodies, 414 for URLs (JSON errors)', async () => {
    const handler = createRestHandler({ db: stack.db, maxBodyBytes: 64, maxUrlLength: 200, listen: false });
    const big = await handler.handle(
      new Request('http://x/rest/v1/tags', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ label: 'x'.repeat(100) }) }),
      SERVICE,
      '/tags',
    );
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'PGRST413' });
    const long = await handler.handle(new Request(`http://x/rest/v1/tags?label=eq.${'y'.repeat(300)}`), SERVICE, '/tags');
    expect(long.status).toBe(414);
    expect(await long.json()).toMatchObject({ code: 'PGRST414' });
    const ok = await handler.handle(new Request('http://x/rest/v1/tags?select=id&limit=1'), SERVICE, '/tags');
    expect(ok.status).toBe(200);
    await handler.close();
  });

  it('an unreachable database answers 503 with a JSON error', async () => {
    const down = await openPostgres({ connectionString: 'postgres://postgres@127.0.0.1:1/nowhere' });
    const handler = createRestHandler({ db: down, listen: false });
    const res = await handler.handle(new Request('http://x/rest/v1/tags'), SERVICE, '/tags');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'PGRST001' });
    await handler.close();
    await down.close();
  });

  it('the root lists tables and functions', async () => {
    const root = await rest(stack, '/');
    expect(root.status).toBe(200);
    expect(Object.keys((root.json as { paths: object }).paths)).toEqual(expect.arrayContaining(['/centers', '/rpc/add_numbers']));
  });
});
