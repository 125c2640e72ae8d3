import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.ts';
import { OWNER_1, client, rest, startRestStack, userToken } from './support.ts';

let stack: TestStack;
let owner1: string;
beforeAll(async () => {
  stack = await startRestStack();
  owner1 = await userToken(stack, OWNER_1);
});
afterAll(async () => {
  await stack?.close();
});

describe('rpc through supabase-js', () => {
  it('scalar results, defaults, GET for immutable functions', async () => {
    const sb = client(stack);
    expect(await sb.rpc('add_numbers', { a: 2, b: 3 })).toMatchObject({ data: 5, error: null, status: 200 });
    expect((await sb.rpc('add_numbers', { a: 2 })).data).toBe(3);
    expect((await sb.rpc('add_numbers', { a: 2, b: 5 }, { get: true })).data).toBe(7);
    expect((await sb.rpc('whoami')).data).toBe('anon');
    expect((await client(stack, owner1).rpc('whoami')).data).toBe(OWNER_1);
  });

  it('setof table results take select, filters, order, range and count', async () => {
    const sb = client(stack);
    const res = await sb.rpc('search_centers', { q: '阳光' }, { count: 'exact' }).select('id, name, orgs(name)').gt('id', 0).order('id', { ascending: false }).range(0, 0);
    expect(res.error).toBeNull();
    expect(res.data).toEqual([{ id: 2, name: '阳光二园', orgs: { name: '阳光托育集团' } }]);
    expect(res.count).toBe(2);
    const head = await sb.rpc('search_centers', { q: '阳光' }, { head: true, count: 'exact' });
    expect(head.count).toBe(2);
    const single = await sb.rpc('search_centers', { q: '彩虹' }).single();
    expect(single.data).toMatchObject({ id: 4 });
    const table = await sb.rpc('org_stats');
    expect(table.data).toEqual([
      { org_id: 1, centers: 2 },
      { org_id: 2, centers: 1 },
    ]);
    const scalars = await sb.rpc('numbers', { n: 3 });
    expect(scalars.data).toEqual([1, 2, 3]);
  });

  it('json, jsonb, array and composite arguments', async () => {
    const sb = client(stack);
    expect((await sb.rpc('echo_json', { payload: { a: [1, { b: '中' }] } })).data).toEqual({ a: [1, { b: '中' }] });
    expect((await sb.rpc('echo_args', { ids: [1, 2, 3], meta: { k: 'v' }, labels: ['a,b', 'c"d'] })).data).toEqual({
      ids: [1, 2, 3],
      meta: { k: 'v' },
      labels: ['a,b', 'c"d'],
      n: 3,
    });
    expect((await sb.rpc('center_label', { c: { id: 9, org_id: 1, name: '园', city: '济宁' } })).data).toBe('园@济宁');
    expect((await sb.rpc('whole_body', { any: ['thing'] })).data).toEqual({ got: { any: ['thing'] } });
    const single = await rest(stack, '/rpc/echo_json', { method: 'POST', headers: { prefer: 'params=single-object' }, body: JSON.stringify({ x: 1 }) });
    expect(single.json).toEqual({ x: 1 });
  });

  it('composite result is an object; volatile functions write', async () => {
    const res = await client(stack, owner1).rpc('bump_capacity', { center_id: 2, by_n: 5 });
    expect(res.error).toBeNull();
    expect(res.data).toMatchObject({ id: 2, capacity: 25 });
  });

  it('exposes request.method, request.path, request.headers and the claims to SQL; read-only only when it may be', async () => {
    const posted = await rest(stack, '/rpc/request_info', { method: 'POST', body: '{}', token: owner1, headers: { 'X-Client-Info': 'tuoyu-test/1' } });
    expect(posted.json).toEqual({ method: 'POST', path: '/rpc/request_info', client: 'tuoyu-test/1', role: 'authenticated', sub: OWNER_1, read_only: 'off' });
    const stable = await rest(stack, '/rpc/request_info_stable', { method: 'POST', body: '{}' });
    expect(stable.json).toEqual({ method: 'POST', path: '/rpc/request_info_stable', client: null, role: 'anon', sub: '', read_only: 'on' });
    const got = await rest(stack, '/rpc/request_info_stable');
    expect(got.json).toMatchObject({ method: 'GET', read_only: 'on' });
  });

  it('errors: P0001 with a Chinese message, GET on volatile, unknown function or argument, read-only GET', async () => {
    const sb = client(stack);
    const raised = await sb.rpc('fail_cn');
    expect(raised.status).toBe(400);
    expect(raised.error).toMatchObject({ code: 'P0001', message: '机构已满员，请选择其他机构', hint: '请稍后再试' });
    const voidOk = await rest(stack, '/rpc/touch', { method: 'POST', body: '{}', token: stack.serviceRoleKey });
    expect(voidOk.status).toBe(204);
    // GET runs read-only whatever the volatility (as PostgREST): a function that writes fails with 25006.
    const getVolatile = await sb.rpc('touch', {}, { get: true });
    expect(getVolatile.status).toBe(405);
    expect(getVolatile.error).toMatchObject({ code: '25006' });
    const patchRpc = await rest(stack, '/rpc/touch', { method: 'PATCH', body: '{}' });
    expect(patchRpc.status).toBe(405);
    expect(patchRpc.json).toEqual({ code: 'PGRST101', details: null, hint: null, message: 'Cannot use the PATCH method on RPC' });
    const missing = await sb.rpc('no_such_fn', { a: 1 });
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({ code: 'PGRST202', message: 'Could not find the function public.no_such_fn(a) in the schema cache' });
    const badArg = await sb.rpc('add_numbers', { a: 1, zz: 2 });
    expect(badArg.error).toMatchObject({ code: 'PGRST202' });
    const readOnly = await rest(stack, '/rpc/stable_writer', { token: stack.serviceRoleKey });
    expect(readOnly.status).toBe(405);
    expect(readOnly.json).toMatchObject({ code: '25006' });
    const badType = await sb.rpc('add_numbers', { a: 'x' });
    expect(badType.status).toBe(400);
    expect(badType.error).toMatchObject({ code: '22P02' });
  });
});
