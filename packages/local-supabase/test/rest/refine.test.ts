import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataProvider } from '@refinedev/supabase';
import type { TestStack } from '../support/stack.ts';
import { OWNER_1, client, startRestStack, userToken } from './support.ts';

let stack: TestStack;
let provider: ReturnType<typeof dataProvider>;
let anonProvider: ReturnType<typeof dataProvider>;
beforeAll(async () => {
  stack = await startRestStack();
  provider = dataProvider(client(stack, await userToken(stack, OWNER_1)));
  anonProvider = dataProvider(client(stack));
});
afterAll(async () => {
  await stack?.close();
});

interface Center {
  id: number;
  name: string;
  city: string | null;
  capacity: number | null;
  orgs?: { name: string };
}

describe('@refinedev/supabase dataProvider', () => {
  it('getList with filters, sorters, pagination and total', async () => {
    const res = await provider.getList<Center>({
      resource: 'centers',
      pagination: { currentPage: 1, pageSize: 2, mode: 'server' },
      sorters: [{ field: 'capacity', order: 'desc' }],
      filters: [
        { field: 'status', operator: 'eq', value: 'open' },
        { field: 'capacity', operator: 'gte', value: 10 },
        { field: 'capacity', operator: 'lte', value: 50 },
        { field: 'city', operator: 'in', value: ['北京', '汶上', '济宁'] },
        { field: 'deleted_at', operator: 'null', value: true },
        { field: 'tags', operator: 'nina', value: ['closed-tag'] },
        { field: 'tags', operator: 'ina', value: ['infant'] },
        { field: 'city', operator: 'ne', value: '曲阜' },
        { operator: 'or', value: [
          { field: 'city', operator: 'eq', value: '汶上' },
          { field: 'name', operator: 'contains', value: '阳光' },
        ] },
      ],
      meta: { select: 'id, name, city, capacity, orgs(name)' },
    });
    expect(res.total).toBe(2);
    expect(res.data).toEqual([
      { id: 4, name: '彩虹宝贝屋', city: '汶上', capacity: 50, orgs: { name: '彩虹教育' } },
      { id: 1, name: '阳光托育中心', city: '北京', capacity: 30, orgs: { name: '阳光托育集团' } },
    ]);
    const page2 = await provider.getList<Center>({ resource: 'centers', pagination: { currentPage: 2, pageSize: 3 }, sorters: [{ field: 'id', order: 'asc' }] });
    expect(page2.total).toBe(4);
    expect(page2.data.map((c) => c.id)).toEqual([4]);
  });

  it('getList with a sorter on an embedded field orders the embedded rows', async () => {
    const res = await provider.getList<{ id: number; centers: { name: string }[] }>({
      resource: 'orgs',
      sorters: [{ field: 'centers.name', order: 'asc' }],
      filters: [{ field: 'id', operator: 'eq', value: 1 }],
      meta: { select: 'id, centers(name)' },
    });
    expect(res.data[0]!.centers.map((c) => c.name)).toEqual(['Sunny Care', '阳光二园', '阳光托育中心']);
  });

  it('anon getList sees only what RLS allows', async () => {
    const res = await anonProvider.getList<Center>({ resource: 'centers', filters: [{ field: 'city', operator: 'eq', value: '北京' }] });
    expect(res.total).toBe(1);
    expect(res.data.map((c) => c.id)).toEqual([1]);
  });

  it('getOne, getMany, create, update, deleteOne', async () => {
    const one = await provider.getOne<Center>({ resource: 'centers', id: 2, meta: { select: 'id, name, orgs(name)' } });
    expect(one.data).toEqual({ id: 2, name: '阳光二园', orgs: { name: '阳光托育集团' } });
    const many = await provider.getMany!<Center>({ resource: 'centers', ids: [1, 4] });
    expect(many.data.map((c) => c.id).sort()).toEqual([1, 4]);
    const created = await provider.create<Center>({ resource: 'centers', variables: { org_id: 1, name: 'Refine 园', city: '济宁', status: 'draft' } });
    expect(created.data).toMatchObject({ name: 'Refine 园', city: '济宁' });
    const updated = await provider.update<Center>({ resource: 'centers', id: created.data.id, variables: { capacity: 12 } });
    expect(updated.data).toMatchObject({ id: created.data.id, capacity: 12 });
    const createdMany = await provider.createMany!<Center>({ resource: 'centers', variables: [{ org_id: 1, name: '批 1', status: 'draft' }, { org_id: 1, name: '批 2', status: 'draft' }] });
    expect(createdMany.data).toHaveLength(2);
    await provider.deleteOne({ resource: 'centers', id: created.data.id });
    await expect(provider.getOne({ resource: 'centers', id: created.data.id })).resolves.toMatchObject({ data: undefined });
  });

  it('forbidden writes surface as errors with the SQLSTATE as statusCode', async () => {
    await expect(anonProvider.create({ resource: 'centers', variables: { org_id: 1, name: '匿名' } })).rejects.toMatchObject({ statusCode: 42501 });
    await expect(provider.create({ resource: 'centers', variables: { org_id: 2, name: '越权' } })).rejects.toMatchObject({ statusCode: 42501 });
    await expect(provider.create({ resource: 'orgs', variables: { name: '彩虹教育', owner_id: OWNER_1 } })).rejects.toMatchObject({ statusCode: 23505 });
  });
});
