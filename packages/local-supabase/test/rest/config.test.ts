/**
 * PostgREST behaviour that depends on configuration, through the real supabase-js: a project whose
 * supabase/config.toml exposes a second schema and sets max_rows (fixture-config/), and the
 * PostgREST settings config.toml has no key for (db-tx-end, db-plan-enabled) from PGRST_* variables.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, uniqueEmail, type TestStack } from '../support/stack.ts';
import { client, rest } from './support.ts';

const CONFIG_FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture-config');

let stack: TestStack;
let tuned: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ workdir: CONFIG_FIXTURE });
  tuned = await startTestStack({ workdir: CONFIG_FIXTURE, env: { ...process.env, PGRST_DB_TX_END: 'commit-allow-override', PGRST_DB_PLAN_ENABLED: 'true' } });
});
afterAll(async () => {
  await stack?.close();
  await tuned?.close();
});

describe('schemas from config.toml [api] schemas / extra_search_path', () => {
  it('Accept-Profile and Content-Profile switch schemas; every response names its schema', async () => {
    const sb = client(stack, stack.serviceRoleKey);
    const items = await sb.schema('inventory').from('items').select('name, qty').order('id');
    expect(items.error).toBeNull();
    expect(items.data).toEqual([
      { name: 'apple', qty: 3 },
      { name: 'apricot', qty: 5 },
      { name: 'banana', qty: 7 },
    ]);
    const raw = await rest(stack, '/items?select=id&limit=1', { headers: { 'accept-profile': 'inventory' } });
    expect(raw.headers.get('content-profile')).toBe('inventory');
    const defaultProfile = await rest(stack, '/things?select=id&limit=1');
    expect(defaultProfile.headers.get('content-profile')).toBe('public');
    // A table of the other schema is not found without the profile.
    const wrongSchema = await rest(stack, '/items');
    expect(wrongSchema.status).toBe(404);
    expect(wrongSchema.json).toEqual({ code: '42P01', details: null, hint: null, message: 'relation "public.items" does not exist' });

    const inserted = await sb.schema('inventory').from('items').insert({ name: 'cherry' }).select('name, qty, note');
    expect(inserted.status).toBe(201);
    expect(inserted.data).toEqual([{ name: 'cherry', qty: 1, note: '无' }]);
    await sb.schema('inventory').from('items').delete().eq('name', 'cherry');
  });

  it('an unexposed schema is 406 PGRST106 naming the exposed ones (PostgREST 12 text)', async () => {
    for (const [method, header] of [
      ['GET', 'accept-profile'],
      ['POST', 'content-profile'],
    ] as const) {
      const res = await rest(stack, '/items', { method, headers: { [header]: 'private' }, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(res.status).toBe(406);
      expect(res.json).toEqual({ code: 'PGRST106', details: null, hint: null, message: 'The schema must be one of the following: public, inventory' });
    }
    const { error, status } = await client(stack).schema('auth').rpc('uid');
    expect(status).toBe(406);
    expect(error).toMatchObject({ code: 'PGRST106' });
  });

  it('RPC in another schema runs with that schema first in search_path', async () => {
    const sb = client(stack);
    const total = await sb.schema('inventory').rpc('item_total');
    expect(total.error).toBeNull();
    expect(total.data).toBe(15);
    const notHere = await sb.rpc('item_total');
    expect(notHere.status).toBe(404);
    expect(notHere.error).toMatchObject({ code: 'PGRST202' });
  });
});

describe('max_rows and counts', () => {
  it('max_rows caps reads and function results; Content-Range and 206 show the cut', async () => {
    const sb = client(stack);
    const capped = await sb.from('things').select('id', { count: 'exact' }).order('id');
    expect(capped.data).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(capped.count).toBe(5);
    expect(capped.status).toBe(206);
    const raw = await rest(stack, '/things?select=id&order=id', { headers: { prefer: 'count=exact' } });
    expect(raw.headers.get('content-range')).toBe('0-2/5');
    expect(raw.headers.get('preference-applied')).toBe('count=exact');
    const smaller = await sb.from('things').select('id').order('id').range(3, 10);
    expect(smaller.data).toEqual([{ id: 4 }, { id: 5 }]);
    const fn = await sb.rpc('all_things');
    expect(fn.data).toHaveLength(3);
  });

  it('count=planned is the planner estimate; count=estimated is exact up to max_rows, the estimate beyond', async () => {
    await stack.db.exec('analyze public.things');
    const sb = client(stack);
    const planned = await sb.from('things').select('id', { count: 'planned' }).eq('id', 1);
    expect(planned.count).toBe(1);
    const plannedAll = await rest(stack, '/things?select=id', { headers: { prefer: 'count=planned' } });
    expect(plannedAll.headers.get('content-range')).toBe('0-2/5');
    expect(plannedAll.headers.get('preference-applied')).toBe('count=planned');
    // Under max_rows (3): the exact count.
    const few = await sb.from('things').select('id', { count: 'estimated' }).lte('id', 2);
    expect(few.count).toBe(2);
    // Beyond it: the larger of the capped count (4) and the planner's estimate (5 once analysed).
    const many = await sb.from('things').select('id', { count: 'estimated' });
    expect(many.count).toBe(5);
    expect(many.status).toBe(206);
  });

  it('counts on RPC: POST, GET and HEAD with Prefer: count=exact', async () => {
    const sb = client(stack);
    const post = await sb.schema('inventory').rpc('items_named', { prefix: 'ap' }, { count: 'exact' });
    expect(post.error).toBeNull();
    expect(post.count).toBe(2);
    expect((post.data as { name: string }[]).map((r) => r.name)).toEqual(['apple', 'apricot']);
    const get = await sb.schema('inventory').rpc('items_named', { prefix: 'a' }, { get: true, count: 'exact' });
    expect(get.count).toBe(2);
    const head = await sb.schema('inventory').rpc('items_named', { prefix: '' }, { head: true, count: 'exact' });
    expect(head.count).toBe(3);
    expect(head.data).toBeNull();
    const raw = await rest(stack, '/rpc/all_things?select=id', { headers: { prefer: 'count=exact' } });
    expect(raw.status).toBe(206);
    expect(raw.headers.get('content-range')).toBe('0-2/5');
    const planned = await rest(stack, '/rpc/all_things?select=id', { headers: { prefer: 'count=planned' } });
    expect(planned.headers.get('content-range')).toBe('0-2/*'); // functions report no planned total
    const past = await rest(stack, '/rpc/all_things?offset=9', { headers: { prefer: 'count=exact' } });
    expect(past.status).toBe(416);
    expect(past.json).toMatchObject({ code: 'PGRST103', details: 'An offset of 9 was requested, but there are only 5 rows.' });
  });
});

describe('writes', () => {
  it('missing=default on bulk insert and upsert; upsert is 201 when it inserts, 200 when it only merges', async () => {
    const sb = client(stack, stack.serviceRoleKey);
    const bulk = await sb
      .schema('inventory')
      .from('items')
      .upsert([{ name: 'apple', qty: 30 }, { name: 'date' }], { onConflict: 'name', defaultToNull: false })
      .select('name, qty, note');
    expect(bulk.error).toBeNull();
    expect(bulk.status).toBe(201);
    expect(bulk.data).toEqual([
      { name: 'apple', qty: 30, note: '无' },
      { name: 'date', qty: 1, note: '无' },
    ]);
    const merged = await sb.schema('inventory').from('items').upsert({ name: 'apple', qty: 3 }, { onConflict: 'name' }).select('name, qty');
    expect(merged.status).toBe(200);
    expect(merged.data).toEqual([{ name: 'apple', qty: 3 }]);
    const raw = await rest(stack, '/items?on_conflict=name', {
      method: 'POST',
      token: stack.serviceRoleKey,
      headers: { 'content-profile': 'inventory', prefer: 'resolution=merge-duplicates, missing=default, count=exact' },
      body: JSON.stringify([{ name: 'apple', qty: 3 }]),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('preference-applied')).toBe('resolution=merge-duplicates, missing=default, count=exact');
    expect(raw.headers.get('content-range')).toBe('*/1');
    await sb.schema('inventory').from('items').delete().eq('name', 'date');
  });

  it('max-affected with handling=strict (PostgREST 13): PGRST124 and nothing changed; PGRST128 on a non-set function', async () => {
    const res = await rest(stack, '/things?id=lte.3', {
      method: 'PATCH',
      token: stack.serviceRoleKey,
      headers: { prefer: 'handling=strict, max-affected=2' },
      body: JSON.stringify({ label: 'changed' }),
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: 'PGRST124', details: 'The query affects 3 rows', hint: null, message: 'Query result exceeds max-affected preference constraint' });
    const unchanged = await client(stack).from('things').select('label').eq('id', 1).single();
    expect(unchanged.data).toEqual({ label: 'thing 1' });
    const ok = await rest(stack, '/things?id=eq.1', {
      method: 'DELETE',
      token: stack.serviceRoleKey,
      headers: { prefer: 'handling=strict, max-affected=1, tx=rollback' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('preference-applied')).toBe('handling=strict, max-affected=1');
    await rest(stack, '/things', { method: 'POST', token: stack.serviceRoleKey, headers: { prefer: 'resolution=ignore-duplicates' }, body: JSON.stringify({ id: 1, label: 'thing 1' }) });
    const scalar = await rest(stack, '/rpc/item_total', { method: 'POST', body: '{}', headers: { 'content-profile': 'inventory', prefer: 'handling=strict, max-affected=1' } });
    expect(scalar.status).toBe(400);
    expect(scalar.json).toMatchObject({ code: 'PGRST128' });
  });
});

describe('Prefer: timezone', () => {
  it('renders timestamps in the asked time zone; an unknown zone is ignored, or refused with handling=strict', async () => {
    const shanghai = await rest(stack, '/events?select=at', { headers: { prefer: 'timezone=Asia/Shanghai' } });
    expect(shanghai.json).toEqual([{ at: '2026-01-01T08:00:00+08:00' }]);
    expect(shanghai.headers.get('preference-applied')).toBe('timezone=Asia/Shanghai');
    const utc = await rest(stack, '/events?select=at', { headers: { prefer: 'timezone=Nowhere/Atlantis' } });
    expect(utc.json).toEqual([{ at: '2026-01-01T00:00:00+00:00' }]);
    expect(utc.headers.get('preference-applied')).toBeNull();
    const strict = await rest(stack, '/events?select=at', { headers: { prefer: 'handling=strict, timezone=Nowhere/Atlantis' } });
    expect(strict.status).toBe(400);
    expect(strict.json).toEqual({ code: 'PGRST122', details: 'Invalid preferences: timezone=Nowhere/Atlantis', hint: null, message: 'Invalid preferences given with handling=strict' });
  });
});

describe('Prefer: tx (db-tx-end)', () => {
  it('tx=rollback is honoured only with commit-allow-override, and reported in Preference-Applied', async () => {
    const patch = (s: TestStack) =>
      rest(s, '/things?id=eq.2&select=label', {
        method: 'PATCH',
        token: s.serviceRoleKey,
        headers: { prefer: 'return=representation, tx=rollback' },
        body: JSON.stringify({ label: 'rolled back' }),
      });
    const rolled = await patch(tuned);
    expect(rolled.status).toBe(200);
    expect(rolled.json).toEqual([{ label: 'rolled back' }]);
    expect(rolled.headers.get('preference-applied')).toBe('return=representation, tx=rollback');
    expect((await client(tuned).from('things').select('label').eq('id', 2).single()).data).toEqual({ label: 'thing 2' });

    const committed = await patch(stack);
    expect(committed.headers.get('preference-applied')).toBe('return=representation');
    expect((await client(stack).from('things').select('label').eq('id', 2).single()).data).toEqual({ label: 'rolled back' });
    await rest(stack, '/things?id=eq.2', { method: 'PATCH', token: stack.serviceRoleKey, body: JSON.stringify({ label: 'thing 2' }) });
  });
});

describe('output media types', () => {
  it('EXPLAIN through Accept: application/vnd.pgrst.plan (db-plan-enabled), refused when disabled', async () => {
    const sb = client(tuned);
    const json = await sb.from('things').select('id').eq('id', 1).explain({ format: 'json', analyze: true, verbose: true });
    expect(json.error).toBeNull();
    const plan = json.data as unknown as { Plan: Record<string, unknown>; 'Execution Time'?: number }[];
    expect(plan[0]!.Plan['Node Type']).toBeTypeOf('string');
    expect(plan[0]!['Execution Time']).toBeTypeOf('number'); // analyze ran
    const text = await sb.from('things').select('id').explain();
    expect(text.data).toMatch(/Aggregate|Scan|Limit/);
    const raw = await rest(tuned, '/things?select=id', { headers: { accept: 'application/vnd.pgrst.plan+json; for="application/json"; options=buffers' } });
    expect(raw.headers.get('content-type')).toBe('application/vnd.pgrst.plan+json; for="application/json"; options=buffers; charset=utf-8');
    const rpcPlan = await rest(tuned, '/rpc/all_things', { headers: { accept: 'application/vnd.pgrst.plan' } });
    expect(rpcPlan.status).toBe(200);
    expect(rpcPlan.headers.get('content-type')).toBe('application/vnd.pgrst.plan+text; for="application/json"; charset=utf-8');

    const disabled = await client(stack).from('things').select('id').explain();
    expect(disabled.status).toBe(406);
    expect(disabled.error).toMatchObject({ code: 'PGRST107' });
  });

  it('text/csv for reads and RPCs, built from Postgres text like PostgREST', async () => {
    const sb = client(stack);
    const csv = await sb.schema('inventory').from('items').select('name, qty, note').order('id').limit(2).csv();
    expect(csv.data).toBe('name,qty,note\napple,3,无\napricot,5,无');
    const rpc = await rest(stack, '/rpc/items_named?prefix=b&select=name,qty', { headers: { accept: 'text/csv', 'accept-profile': 'inventory' } });
    expect(rpc.status).toBe(200);
    expect(rpc.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(rpc.text).toBe('name,qty\nbanana,7');
    const none = await rest(stack, '/things?id=eq.99', { headers: { accept: 'text/csv' } });
    expect(none.text).toBe('\n');
  });

  it('application/geo+json needs PostGIS (real Postgres only)', async (ctx) => {
    const available = await stack.db.query<{ n: number }>(`select count(*)::int as n from pg_available_extensions where name = 'postgis'`);
    if (available.rows[0]?.n === 0) {
      // Without PostGIS, Postgres answers for ST_AsGeoJSON as PostgREST would pass it on.
      const res = await rest(stack, '/things?select=id', { headers: { accept: 'application/geo+json' } });
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ code: '42883' });
      ctx.skip(`PostGIS is not installed on this ${stack.db.kind} database (FeatureCollection output untested)`);
      return;
    }
    await stack.db.exec(`create extension if not exists postgis with schema extensions;
      create table if not exists public.places (id int primary key, name text, geom extensions.geometry(Point, 4326));
      grant select on public.places to anon;
      insert into public.places values (1, '汶上', extensions.st_setsrid(extensions.st_makepoint(116.49, 35.73), 4326)) on conflict do nothing;
      notify pgrst, 'reload schema';`);
    const res = await rest(stack, '/places?select=id,name,geom', { headers: { accept: 'application/geo+json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(res.json).toEqual({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [116.49, 35.73] }, properties: { id: 1, name: '汶上' } }],
    });
  });
});

describe('the rest of config.toml', () => {
  it('[auth] jwt_expiry sets the access-token lifetime', async () => {
    const { data, error } = await stack.inProcessClient().auth.signUp({ email: uniqueEmail('expiry'), password: 'long-enough-1' });
    expect(error).toBeNull();
    expect(data.session?.expires_in).toBe(600);
  });

  it('[storage] file_size_limit caps uploads', async () => {
    const admin = stack.inProcessClient(stack.serviceRoleKey);
    expect((await admin.storage.createBucket('limits', { public: false })).error).toBeNull();
    const small = await admin.storage.from('limits').upload('small.txt', new Blob(['x'.repeat(1000)], { type: 'text/plain' }));
    expect(small.error).toBeNull();
    const big = await admin.storage.from('limits').upload('big.txt', new Blob(['x'.repeat(2000)], { type: 'text/plain' }));
    expect(big.error).not.toBeNull();
    expect((big.error as unknown as { statusCode?: string }).statusCode).toBe('413');
  });

  it('[functions.<name>] entrypoint: a Supabase entry calling Deno.serve(handler) is served', async () => {
    const res = await stack.fetch(`${stack.url}/functions/v1/greet?name=托育`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: '托育' });
  });
});
