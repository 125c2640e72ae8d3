import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.ts';
import { OWNER_1, OWNER_2, client, rest, startRestStack, userToken } from './support.ts';

let stack: TestStack;
let owner1: string;
let owner2: string;
beforeAll(async () => {
  stack = await startRestStack();
  owner1 = await userToken(stack, OWNER_1);
  owner2 = await userToken(stack, OWNER_2);
});
afterAll(async () => {
  await stack?.close();
});

describe('writes through supabase-js (RLS authoritative)', () => {
  it('insert().select() returns 201 and the row with embeds; owner-only RLS forbids other orgs', async () => {
    const sb = client(stack, owner1);
    const { data, error, status } = await sb.from('centers').insert({ org_id: 1, name: '新园区', city: '济宁', capacity: 10 }).select('id, name, status, orgs(name)').single();
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toMatchObject({ name: '新园区', status: 'open', orgs: { name: '阳光托育集团' } });
    const forbidden = await sb.from('centers').insert({ org_id: 2, name: '越权' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.error).toMatchObject({ code: '42501', message: 'new row violates row-level security policy for table "centers"' });
    const anon = await client(stack).from('centers').insert({ org_id: 1, name: '匿名' });
    expect(anon.status).toBe(401);
    expect(anon.error).toMatchObject({ code: '42501' });
  });

  it('insert without select is 201 with no body, even on a table the caller cannot read back', async () => {
    const sb = client(stack, owner1);
    const { error, status, data } = await sb.from('secrets').insert({ body: '只给自己看' });
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toBeNull();
    const mine = await sb.from('secrets').select('body');
    expect(mine.data).toEqual([{ body: '只给自己看' }]);
    const theirs = await client(stack, owner2).from('secrets').select('body');
    expect(theirs.data).toEqual([]);
  });

  it('bulk insert with columns=, missing keys → NULL, or defaults with defaultToNull:false', async () => {
    const sb = client(stack, owner1);
    const bulk = await sb.from('centers').insert([{ org_id: 1, name: '批量一' }, { org_id: 1, name: '批量二', status: 'draft' }]).select('name, status');
    expect(bulk.error).toMatchObject({ code: '23502' }); // status NOT NULL: a missing key is NULL, as PostgREST
    const withDefaults = await sb
      .from('centers')
      .insert([{ org_id: 1, name: '批量一' }, { org_id: 1, name: '批量二', status: 'draft' }], { defaultToNull: false })
      .select('name, status');
    expect(withDefaults.error).toBeNull();
    expect(withDefaults.data).toEqual([
      { name: '批量一', status: 'open' },
      { name: '批量二', status: 'draft' },
    ]);
  });

  it('upsert merges or ignores duplicates', async () => {
    const sb = client(stack, owner1);
    const merged = await sb.from('orgs').upsert({ id: 1, name: '阳光托育集团（新）', owner_id: OWNER_1 }).select('id, name');
    expect(merged.error).toBeNull();
    expect(merged.data).toEqual([{ id: 1, name: '阳光托育集团（新）' }]);
    const byName = await sb.from('orgs').upsert({ name: '阳光托育集团（新）', owner_id: OWNER_1, meta: { x: 1 } }, { onConflict: 'name' }).select('id, meta');
    expect(byName.error).toBeNull();
    expect(byName.data).toEqual([{ id: 1, meta: { x: 1 } }]);
    const ignored = await sb.from('orgs').upsert({ id: 1, name: '不会写入', owner_id: OWNER_1 }, { ignoreDuplicates: true }).select('id');
    expect(ignored.error).toBeNull();
    expect(ignored.data).toEqual([]);
    const dup = await sb.from('orgs').insert({ name: '阳光托育集团（新）', owner_id: OWNER_1 });
    expect(dup.status).toBe(409);
    expect(dup.error).toMatchObject({ code: '23505' });
    const fk = await sb.from('centers').insert({ org_id: 1, manager_id: '99999999-9999-9999-9999-999999999999', name: 'x' });
    expect(fk.status).toBe(409);
    expect(fk.error).toMatchObject({ code: '23503' });
  });

  it('update() with filters; RLS hides rows of other orgs (0 rows, not an error)', async () => {
    const sb = client(stack, owner1);
    const upd = await sb.from('centers').update({ capacity: 35 }).eq('id', 1).select('id, capacity');
    expect(upd.error).toBeNull();
    expect(upd.status).toBe(200);
    expect(upd.data).toEqual([{ id: 1, capacity: 35 }]);
    const noSelect = await sb.from('centers').update({ capacity: 36 }).eq('id', 1);
    expect(noSelect.status).toBe(204);
    const counted = await sb.from('centers').update({ capacity: 36 }, { count: 'exact' }).eq('id', 1);
    expect(counted.count).toBe(1);
    const other = await sb.from('centers').update({ capacity: 1 }).eq('id', 4).select('id');
    expect(other.error).toBeNull();
    expect(other.data).toEqual([]);
    const check = await client(stack).from('centers').select('capacity').eq('id', 4).single();
    expect(check.data).toEqual({ capacity: 50 });
    const single = await sb.from('centers').update({ city: '北京' }).eq('org_id', 1).select('id').single();
    expect(single.status).toBe(406);
    expect(single.error).toMatchObject({ code: 'PGRST116' });
    const unchanged = await sb.from('centers').select('city').eq('id', 2).single();
    expect(unchanged.data).toEqual({ city: '济宁' }); // rolled back
    const unknownColumn = await sb.from('centers').update({ nope: 1 }).eq('id', 1);
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.error).toMatchObject({ code: 'PGRST204', message: "Could not find the 'nope' column of 'centers' in the schema cache" });
  });

  it('delete() with representation and with in(); other orgs untouched', async () => {
    const sb = client(stack, owner1);
    const created = await sb.from('centers').insert([{ org_id: 1, name: '待删一' }, { org_id: 1, name: '待删二' }], { defaultToNull: false }).select('id');
    const ids = (created.data as { id: number }[]).map((r) => r.id);
    const del = await sb.from('centers').delete().eq('id', ids[0]!).select('name');
    expect(del.status).toBe(200);
    expect(del.data).toEqual([{ name: '待删一' }]);
    const delIn = await sb.from('centers').delete().in('id', [ids[1]!]);
    expect(delIn.status).toBe(204);
    const other = await sb.from('centers').delete().eq('id', 4).select('id');
    expect(other.data).toEqual([]);
    const still = await client(stack).from('centers').select('id').eq('id', 4);
    expect(still.data).toEqual([{ id: 4 }]);
  });

  it('Prefer: tx=rollback is ignored by default (db-tx-end = commit), max-affected with handling=strict, return=headers-only', async () => {
    const ignored = await rest(stack, '/centers?id=eq.2&select=capacity', {
      method: 'PATCH',
      token: owner1,
      headers: { prefer: 'return=representation, tx=rollback' },
      body: JSON.stringify({ capacity: 999 }),
    });
    expect(ignored.status).toBe(200);
    expect(ignored.json).toEqual([{ capacity: 999 }]);
    expect(ignored.headers.get('preference-applied')).toBe('return=representation');
    const after = await client(stack).from('centers').select('capacity').eq('id', 2).single();
    expect(after.data).toEqual({ capacity: 999 }); // committed: overriding needs db-tx-end = commit-allow-override
    await client(stack, owner1).from('centers').update({ capacity: 20 }).eq('id', 2);

    const tooMany = await rest(stack, '/centers?org_id=eq.1', {
      method: 'PATCH',
      token: owner1,
      headers: { prefer: 'handling=strict, max-affected=1' },
      body: JSON.stringify({ city: '曲阜' }),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toMatchObject({ code: 'PGRST124' });
    const okOne = await rest(stack, '/centers?id=eq.2', {
      method: 'PATCH',
      token: owner1,
      headers: { prefer: 'handling=strict, max-affected=1' },
      body: JSON.stringify({ city: '济宁' }),
    });
    expect(okOne.status).toBe(204);
    const invalidPref = await rest(stack, '/centers?id=eq.2', { method: 'PATCH', token: owner1, headers: { prefer: 'handling=strict, bogus=1' }, body: '{}' });
    expect(invalidPref.json).toMatchObject({ code: 'PGRST122' });

    const located = await rest(stack, '/tags', { method: 'POST', headers: { prefer: 'return=headers-only' }, token: stack.serviceRoleKey, body: JSON.stringify({ label: '新标签' }) });
    expect(located.status).toBe(201);
    expect(located.headers.get('location')).toMatch(/^\/tags\?id=eq\.\d+$/);
  });

  it('PUT upserts one row identified by its primary key', async () => {
    const put = await rest(stack, '/tags?id=eq.50', { method: 'PUT', token: stack.serviceRoleKey, headers: { prefer: 'return=representation' }, body: JSON.stringify({ id: 50, label: 'put 标签' }) });
    expect(put.status).toBe(201); // inserted
    expect(put.json).toEqual([{ id: 50, label: 'put 标签' }]);
    expect(put.headers.get('content-range')).toBeNull();
    const again = await rest(stack, '/tags?id=eq.50', { method: 'PUT', token: stack.serviceRoleKey, headers: { prefer: 'return=representation' }, body: JSON.stringify({ id: 50, label: 'put 标签' }) });
    expect(again.status).toBe(200); // merged
    const minimal = await rest(stack, '/tags?id=eq.50', { method: 'PUT', token: stack.serviceRoleKey, body: JSON.stringify({ id: 50, label: 'put 标签' }) });
    expect(minimal.status).toBe(204);
    const mismatch = await rest(stack, '/tags?id=eq.50', { method: 'PUT', token: stack.serviceRoleKey, body: JSON.stringify({ id: 51, label: 'x' }) });
    expect(mismatch.json).toMatchObject({ code: 'PGRST115' });
    const noPk = await rest(stack, '/tags?label=eq.x', { method: 'PUT', token: stack.serviceRoleKey, body: JSON.stringify({ id: 51, label: 'x' }) });
    expect(noPk.status).toBe(405);
  });

  it('limited PATCH/DELETE need an order', async () => {
    const noOrder = await rest(stack, '/tags?limit=1', { method: 'DELETE', token: stack.serviceRoleKey });
    expect(noOrder.json).toMatchObject({ code: 'PGRST109' });
    const ordered = await rest(stack, '/tags?order=id.desc&limit=1&select=id', { method: 'DELETE', token: stack.serviceRoleKey, headers: { prefer: 'return=representation' } });
    expect(ordered.status).toBe(200);
    expect(ordered.json).toEqual([{ id: 50 }]);
  });

  it('bad bodies: invalid JSON, mismatched keys, wrong content type', async () => {
    const bad = await rest(stack, '/tags', { method: 'POST', token: stack.serviceRoleKey, body: '{"label":' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'PGRST102', message: 'Empty or invalid json' });
    const keys = await rest(stack, '/tags', { method: 'POST', token: stack.serviceRoleKey, body: JSON.stringify([{ label: 'a' }, { id: 77 }]) });
    expect(keys.json).toMatchObject({ code: 'PGRST102', message: 'All object keys must match' });
    const scalar = await rest(stack, '/tags', { method: 'POST', token: stack.serviceRoleKey, body: '42' });
    expect(scalar.json).toMatchObject({ code: 'PGRST102' });
    const ct = await rest(stack, '/tags', { method: 'POST', token: stack.serviceRoleKey, headers: { 'content-type': 'text/plain' }, body: 'label=x' });
    expect(ct.status).toBe(415);
  });
});
