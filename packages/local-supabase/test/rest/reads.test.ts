import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.ts';
import { OWNER_1, client, rest, startRestStack, userToken } from './support.ts';

let stack: TestStack;
let ownerToken: string;
beforeAll(async () => {
  stack = await startRestStack();
  ownerToken = await userToken(stack, OWNER_1);
});
afterAll(async () => {
  await stack?.close();
});

describe('reads through supabase-js', () => {
  it('selects columns, aliases, casts and JSON paths; anon sees only open centers (RLS)', async () => {
    const { data, error } = await client(stack)
      .from('centers')
      .select('id, title:name, capacity::text, floor:info->floor, phone:info->contact->>phone')
      .order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, title: '阳光托育中心', capacity: '30', floor: 2, phone: '010-1' },
      { id: 2, title: '阳光二园', capacity: '20', floor: null, phone: null },
      { id: 4, title: '彩虹宝贝屋', capacity: '50', floor: 1, phone: null },
    ]);
  });

  it('authenticated sees every center', async () => {
    const { data, error } = await client(stack, ownerToken).from('centers').select('id').order('id');
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
  });

  it('renders timestamps and numerics like PostgREST', async () => {
    const { data } = await client(stack).from('centers').select('created_at, fee').eq('id', 1).single();
    expect(data).toEqual({ created_at: '2026-01-01T08:00:00+00:00', fee: 1200.5 });
    const res = await rest(stack, '/orgs?select=created_at&id=eq.1');
    expect(res.text).toBe('[{"created_at":"2026-11-23T21:11:54.433+00:00"}]');
  });

  it('embeds many-to-one, one-to-many, one-to-one, many-to-many and composite FKs', async () => {
    const { data, error } = await client(stack)
      .from('orgs')
      .select('id, name, centers(id, name), org_settings(theme), owner:profiles!owner_id(full_name)')
      .order('id')
      .order('id', { referencedTable: 'centers' });
    expect(error).toBeNull();
    expect(data).toEqual([
      {
        id: 1,
        name: '阳光托育集团',
        centers: [
          { id: 1, name: '阳光托育中心' },
          { id: 2, name: '阳光二园' },
        ],
        org_settings: { theme: 'dark' },
        owner: { full_name: '张园长' },
      },
      { id: 2, name: '彩虹教育', centers: [{ id: 4, name: '彩虹宝贝屋' }], org_settings: null, owner: { full_name: '李园长' } },
    ]);
    const m2m = await client(stack).from('centers').select('id, tags(label)').eq('id', 1).single();
    expect(m2m.error).toBeNull();
    expect((m2m.data as { tags: { label: string }[] }).tags.map((t) => t.label).sort()).toEqual(['医育结合', '普惠']);
    const composite = await client(stack).from('bookings').select('child, rooms(label, centers(name))').order('id');
    expect(composite.error).toBeNull();
    expect(composite.data).toEqual([
      { child: '小明', rooms: { label: '小班', centers: { name: '阳光托育中心' } } },
      { child: '小红', rooms: { label: '大厅', centers: { name: '彩虹宝贝屋' } } },
    ]);
  });

  it('filters, orders and limits embedded rows; !inner filters the parent', async () => {
    const sb = client(stack);
    const embedded = await sb.from('orgs').select('id, centers(id)').order('id').order('id', { referencedTable: 'centers', ascending: false }).limit(1, { referencedTable: 'centers' });
    expect(embedded.data).toEqual([
      { id: 1, centers: [{ id: 2 }] },
      { id: 2, centers: [{ id: 4 }] },
    ]);
    const inner = await sb.from('orgs').select('id, centers!inner(id)').eq('centers.city', '汶上');
    expect(inner.error).toBeNull();
    expect(inner.data).toEqual([{ id: 2, centers: [{ id: 4 }] }]);
    const left = await sb.from('orgs').select('id, centers(id)').eq('centers.city', '汶上').order('id');
    expect(left.data).toEqual([
      { id: 1, centers: [] },
      { id: 2, centers: [{ id: 4 }] },
    ]);
    const orEmbed = await sb.from('orgs').select('id, centers(id)').or('city.eq.济宁,city.eq.汶上', { referencedTable: 'centers' }).order('id');
    expect(orEmbed.data).toEqual([
      { id: 1, centers: [{ id: 2 }] },
      { id: 2, centers: [{ id: 4 }] },
    ]);
    const spread = await sb.from('centers').select('id, ...orgs(org_name:name)').eq('id', 4).single();
    expect(spread.error).toBeNull();
    expect(spread.data).toEqual({ id: 4, org_name: '彩虹教育' });
  });

  it('supports every filter operator', async () => {
    const sb = client(stack, ownerToken);
    const ids = async (q: PromiseLike<{ data: unknown; error: unknown }>) => {
      const { data, error } = await q;
      expect(error).toBeNull();
      return (data as { id: number }[]).map((r) => r.id).sort();
    };
    const c = () => sb.from('centers').select('id');
    expect(await ids(c().eq('city', '北京'))).toEqual([1, 3]);
    expect(await ids(c().neq('city', '北京'))).toEqual([2, 4]);
    expect(await ids(c().gt('capacity', 20))).toEqual([1, 4]);
    expect(await ids(c().gte('capacity', 20))).toEqual([1, 2, 4]);
    expect(await ids(c().lt('capacity', 30))).toEqual([2]);
    expect(await ids(c().lte('capacity', 30))).toEqual([1, 2]);
    expect(await ids(c().like('name', '%阳光%'))).toEqual([1, 2]);
    expect(await ids(c().ilike('name', 'sunny*'))).toEqual([3]);
    expect(await ids(c().is('deleted_at', null))).toEqual([1, 2, 4]);
    expect(await ids(c().not('deleted_at', 'is', null))).toEqual([3]);
    expect(await ids(c().in('city', ['济宁', '汶上']))).toEqual([2, 4]);
    expect(await ids(c().in('name', ['a,b', 'Sunny Care', '"quoted"']))).toEqual([3]);
    expect(await ids(c().not('city', 'in', '(北京,济宁)'))).toEqual([4]);
    expect(await ids(c().contains('tags', ['infant']))).toEqual([1, 4]);
    expect(await ids(c().containedBy('tags', ['toddler', 'infant']))).toEqual([1, 2, 3, 4]);
    expect(await ids(c().overlaps('tags', ['toddler']))).toEqual([1, 2]);
    expect(await ids(c().contains('info', { floor: 2 }))).toEqual([1]);
    expect(await ids(c().textSearch('search', 'sunny', { config: 'simple' }))).toEqual([3]);
    expect(await ids(c().textSearch('search', 'sunny care', { type: 'plain', config: 'simple' }))).toEqual([3]);
    expect(await ids(c().textSearch('search', 'sunny care', { type: 'phrase', config: 'simple' }))).toEqual([3]);
    expect(await ids(c().textSearch('search', 'sunny or 北京', { type: 'websearch', config: 'simple' }))).toEqual([1, 3]);
    expect(await ids(c().match({ city: '北京', status: 'open' }))).toEqual([1]);
    expect(await ids(c().or('city.eq.济宁,and(capacity.gt.40,status.eq.open)'))).toEqual([2, 4]);
    expect(await ids(c().or('name.ilike."*sunny*",id.in.("1","2")'))).toEqual([1, 2, 3]);
    expect(await ids(c().filter('capacity', 'isdistinct', 30))).toEqual([2, 3, 4]);
    expect(await ids(c().filter('name', 'match', '^阳光'))).toEqual([1, 2]);
    expect(await ids(c().filter('name', 'imatch', '^sun'))).toEqual([3]);
    expect(await ids(c().filter('city', 'like(any)', '{北*,济*}'))).toEqual([1, 2, 3]);
    expect(await ids(c().filter('capacity', 'gt(all)', '{10,25}'))).toEqual([1, 4]);
    expect(await ids(c().filter('info->>floor', 'eq', '2'))).toEqual([1]);
    expect(await ids(c().filter('info->contact->>phone', 'like', '010*'))).toEqual([1]);
    expect(await ids(c().not('status', 'eq', 'open').or('city.eq.北京'))).toEqual([3]);
  });

  it('orders (nulls first/last, JSON paths), paginates and counts', async () => {
    const sb = client(stack, ownerToken);
    const ordered = await sb.from('centers').select('id').order('capacity', { ascending: false, nullsFirst: true });
    expect(ordered.data).toEqual([{ id: 3 }, { id: 4 }, { id: 1 }, { id: 2 }]);
    const byJson = await sb.from('orgs').select('id').order('meta->score', { ascending: true });
    expect(byJson.data).toEqual([{ id: 2 }, { id: 1 }]);
    const page = await sb.from('centers').select('id', { count: 'exact' }).order('id').range(1, 2);
    expect(page.error).toBeNull();
    expect(page.data).toEqual([{ id: 2 }, { id: 3 }]);
    expect(page.count).toBe(4);
    expect(page.status).toBe(206);
    const head = await sb.from('centers').select('*', { count: 'exact', head: true }).eq('city', '北京');
    expect(head.count).toBe(2);
    expect(head.data).toBeNull();
    // count=planned is the planner's estimate (PostgREST EXPLAINs the count query): exact once analysed.
    await stack.db.exec('analyze public.centers');
    const planned = await sb.from('centers').select('id', { count: 'planned' }).limit(1);
    expect(planned.count).toBe(4);
  });

  it('single() and maybeSingle()', async () => {
    const sb = client(stack);
    const one = await sb.from('centers').select('name').eq('id', 2).single();
    expect(one.data).toEqual({ name: '阳光二园' });
    const none = await sb.from('centers').select('name').eq('id', 3).single();
    expect(none.error).toMatchObject({ code: 'PGRST116' });
    expect(none.status).toBe(406);
    const many = await sb.from('centers').select('name').single();
    expect(many.error).toEqual({ code: 'PGRST116', details: 'The result contains 3 rows', hint: null, message: 'JSON object requested, multiple (or no) rows returned' });
    const maybe = await sb.from('centers').select('name').eq('id', 3).maybeSingle();
    expect(maybe.error).toBeNull();
    expect(maybe.data).toBeNull();
  });

  it('csv() output', async () => {
    const { data, error } = await client(stack).from('centers').select('id, name, tags').in('id', [1, 2]).order('id').csv();
    expect(error).toBeNull();
    // Values in Postgres' text form, quoted as a record prints them (PostgREST builds CSV in SQL).
    expect(data).toBe('id,name,tags\n1,阳光托育中心,"{infant,toddler}"\n2,阳光二园,{toddler}');
  });

  it('schema() switches the profile; an unexposed schema is 406 PGRST106', async () => {
    const { error, status } = await client(stack).schema('auth').from('users').select('*');
    expect(status).toBe(406);
    expect(error).toEqual({ code: 'PGRST106', details: null, hint: null, message: 'The schema must be one of the following: public, graphql_public' });
    const ok = await client(stack).schema('public').from('orgs').select('id').limit(1);
    expect(ok.error).toBeNull();
  });

  it('reads views', async () => {
    const { data, error } = await client(stack).from('open_centers').select('id, name').order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, name: '阳光托育中心' },
      { id: 2, name: '阳光二园' },
      { id: 4, name: '彩虹宝贝屋' },
    ]);
  });
});
