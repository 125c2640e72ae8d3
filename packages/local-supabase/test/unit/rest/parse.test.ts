import { describe, expect, it } from 'vitest';
import { RestError } from '../../../src/rest/errors.ts';
import { parseLogic, parseOperation, parseOrder } from '../../../src/rest/parse/filter.ts';
import { negotiateAccept, negotiateMedia, parsePrefer, parseRangeHeader, pickSchema, preferenceApplied } from '../../../src/rest/parse/headers.ts';
import { parseQuery } from '../../../src/rest/parse/query.ts';
import { parseSelect } from '../../../src/rest/parse/select.ts';
import { arrayLiteral } from '../../../src/rest/plan/read.ts';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RestError) return error.body.code;
    throw error;
  }
  return undefined;
};

describe('select grammar', () => {
  it('parses columns, aliases, casts, JSON paths and nested embeds', () => {
    expect(parseSelect('id, title:name, capacity::text, info->a->>b, n:info->0')).toEqual([
      { kind: 'field', path: { column: 'id', json: [] } },
      { kind: 'field', alias: 'title', path: { column: 'name', json: [] } },
      { kind: 'field', cast: 'text', path: { column: 'capacity', json: [] } },
      { kind: 'field', path: { column: 'info', json: [{ arrow: '->', key: 'a' }, { arrow: '->>', key: 'b' }] } },
      { kind: 'field', alias: 'n', path: { column: 'info', json: [{ arrow: '->', key: '0' }] } },
    ]);
    expect(parseSelect('*,owner:profiles!owner_id!inner(full_name,orgs(*)),...orgs(name),centers()')).toEqual([
      { kind: 'star' },
      {
        kind: 'embed',
        name: 'profiles',
        alias: 'owner',
        hint: 'owner_id',
        join: 'inner',
        spread: false,
        select: [
          { kind: 'field', path: { column: 'full_name', json: [] } },
          { kind: 'embed', name: 'orgs', join: 'default', spread: false, select: [{ kind: 'star' }] },
        ],
      },
      { kind: 'embed', name: 'orgs', join: 'default', spread: true, select: [{ kind: 'field', path: { column: 'name', json: [] } }] },
      { kind: 'embed', name: 'centers', join: 'default', spread: false, select: [] },
    ]);
    expect(parseSelect(null)).toEqual([{ kind: 'star' }]);
    expect(parseSelect('"my col"')).toEqual([{ kind: 'field', path: { column: 'my col', json: [] } }]);
    expect(parseSelect('名称')).toEqual([{ kind: 'field', path: { column: '名称', json: [] } }]);
  });

  it('parses aggregates with aliases and casts; count() is never an embed', () => {
    expect(parseSelect('count(),n:count()::int,amount.sum(),total:amount::numeric.avg()::int,info->>x.max(),centers(count())')).toEqual([
      { kind: 'field', path: { column: '*', json: [] }, aggregate: 'count' },
      { kind: 'field', alias: 'n', path: { column: '*', json: [] }, aggregate: 'count', aggregateCast: 'int' },
      { kind: 'field', path: { column: 'amount', json: [] }, aggregate: 'sum' },
      { kind: 'field', alias: 'total', path: { column: 'amount', json: [] }, cast: 'numeric', aggregate: 'avg', aggregateCast: 'int' },
      { kind: 'field', path: { column: 'info', json: [{ arrow: '->>', key: 'x' }] }, aggregate: 'max' },
      { kind: 'embed', name: 'centers', join: 'default', spread: false, select: [{ kind: 'field', path: { column: '*', json: [] }, aggregate: 'count' }] },
    ]);
    for (const bad of ['id.median()', 'id.sum(id)', 'id.sum()::', 'id.sum()::int;', 'count(*)x']) {
      expect(code(() => parseSelect(bad)), bad).toBe('PGRST100');
    }
  });

  it('rejects malformed selects with PGRST100', () => {
    for (const bad of ['id,', 'a(', 'a)', 'id;drop', 'id::text)', "a->>'b'", 'a:b:c', 'x!a!b(id)', '(select 1)', 'id -- x', 'a b']) {
      expect(code(() => parseSelect(bad)), bad).toBe('PGRST100');
    }
  });
});

describe('filters', () => {
  it('parses operators, negation, modifiers, lists and is', () => {
    expect(parseOperation('a', 'not.eq.1', false)).toEqual({ negate: true, operator: 'eq', value: { kind: 'scalar', value: '1' } });
    expect(parseOperation('a', 'in.(x,"y,z",w"q)', false)).toMatchObject({ operator: 'in', value: { kind: 'list', values: ['x', 'y,z', 'w"q'] } });
    expect(parseOperation('a', 'in.()', false)).toMatchObject({ value: { kind: 'list', values: [] } });
    expect(parseOperation('a', 'is.NULL', false)).toMatchObject({ value: { kind: 'is', value: 'null' } });
    expect(parseOperation('a', 'fts(simple).a & b', false)).toMatchObject({ operator: 'fts', ftsConfig: 'simple', value: { kind: 'scalar', value: 'a & b' } });
    expect(parseOperation('a', 'like(any).{a*,"b,c"}', false)).toMatchObject({ quantifier: 'any', value: { kind: 'list', values: ['a*', 'b,c'] } });
    expect(parseOperation('a', 'eq."quoted"', true)).toMatchObject({ value: { kind: 'scalar', value: 'quoted' } });
    expect(parseOperation('a', 'eq."quoted"', false)).toMatchObject({ value: { kind: 'scalar', value: '"quoted"' } });
    expect(parseOperation('a', 'eq.a.b.c', false)).toMatchObject({ value: { kind: 'scalar', value: 'a.b.c' } });
  });

  it('rejects unknown operators and bad modifiers', () => {
    for (const bad of ['xx.1', 'eq', 'is.maybe', 'in.1,2', 'fts(a b).x', 'eq(some).x', 'gt(any).1', 'not.']) {
      expect(code(() => parseOperation('a', bad, false)), bad).toBe('PGRST100');
    }
  });

  it('parses nested logic trees with quoted values', () => {
    const tree = parseLogic('or', false, '(status.eq.a,and(x.gt.1,x.lt.5),not.or(y.is.null,name.ilike."%a,b%"),data->>k.eq.1,id.not.in.(1,2))');
    expect(tree.children).toHaveLength(5);
    expect(tree.children[1]).toMatchObject({ kind: 'logic', operator: 'and', negate: false });
    expect(tree.children[2]).toMatchObject({ kind: 'logic', operator: 'or', negate: true });
    expect((tree.children[2] as { children: unknown[] }).children[1]).toMatchObject({ value: { value: '%a,b%' } });
    expect(tree.children[3]).toMatchObject({ path: { column: 'data', json: [{ arrow: '->>', key: 'k' }] } });
    expect(tree.children[4]).toMatchObject({ negate: true, operator: 'in', value: { values: ['1', '2'] } });
    for (const bad of ['a.eq.1', '(a.eq.1', '(a.eq.1,)', '(drop table x)', '(a.eq."x)']) {
      expect(code(() => parseLogic('or', false, bad)), bad).toBe('PGRST100');
    }
  });

  it('parses order terms', () => {
    expect(parseOrder('created_at.desc,name.asc.nullsfirst,data->>k,x.nullslast')).toEqual([
      { path: { column: 'created_at', json: [] }, direction: 'desc' },
      { path: { column: 'name', json: [] }, direction: 'asc', nulls: 'first' },
      { path: { column: 'data', json: [{ arrow: '->>', key: 'k' }] } },
      { path: { column: 'x', json: [] }, nulls: 'last' },
    ]);
    expect(code(() => parseOrder('id;drop'))).toBe('PGRST100');
    expect(parseOrder('orgs(name).asc,o(meta->>x)')).toEqual([
      { relation: 'orgs', path: { column: 'name', json: [] }, direction: 'asc' },
      { relation: 'o', path: { column: 'meta', json: [{ arrow: '->>', key: 'x' }] } },
    ]);
    for (const bad of ['orgs(name', 'orgs((name))', 'a(b)c', '(name)']) expect(code(() => parseOrder(bad)), bad).toBe('PGRST100');
  });

  it('sorts query parameters into levels', () => {
    const parsed = parseQuery(new URLSearchParams('select=id,centers(id)&id=gt.1&centers.status=eq.open&centers.order=id.desc&centers.limit=2&centers.offset=1&or=(a.eq.1)&centers.not.or=(b.eq.2)&limit=5&columns="a","b"&on_conflict=a'));
    expect(parsed.read.levels.get('')).toMatchObject({ limit: 5, filters: [{ path: { column: 'id' } }], logic: [{ operator: 'or' }] });
    expect(parsed.read.levels.get('centers')).toMatchObject({ limit: 2, offset: 1, order: [{ direction: 'desc' }], logic: [{ negate: true, operator: 'or' }] });
    expect(parsed.columns).toEqual(['a', 'b']);
    expect(parsed.onConflict).toEqual(['a']);
    const rpc = parseQuery(new URLSearchParams('a=1&a=2&b=x&id=eq.3'), { rpcArgNames: new Set(['a']) });
    expect([...rpc.rpcArgs]).toEqual([
      ['a', ['1', '2']],
      ['b', ['x']],
    ]);
    expect(rpc.read.levels.get('')!.filters).toHaveLength(1);
  });
});

describe('headers', () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it('Prefer', () => {
    expect(parsePrefer(h({ prefer: 'return=representation, count=exact,resolution=merge-duplicates, missing=default, tx=rollback, max-affected=3, handling=strict' }))).toEqual({
      return: 'representation',
      count: 'exact',
      resolution: 'merge-duplicates',
      missing: 'default',
      tx: 'rollback',
      maxAffected: 3,
      handling: 'strict',
      applied: ['return=representation', 'count=exact', 'resolution=merge-duplicates', 'missing=default', 'tx=rollback', 'max-affected=3', 'handling=strict'],
    });
    expect(parsePrefer(h({ prefer: 'return=bogus, foo' }))).toEqual({ applied: [] });
    expect(code(() => parsePrefer(h({ prefer: 'foo=bar, handling=strict' })))).toBe('PGRST122');
    // The first value wins; tx= is dropped (not an error) unless overriding is allowed.
    const firstWins = parsePrefer(h({ prefer: 'count=planned, count=exact, tx=rollback, handling=strict' }), { allowTxOverride: false });
    expect(firstWins).toMatchObject({ count: 'planned', handling: 'strict' });
    expect(firstWins.tx).toBeUndefined();
    // Preference-Applied: PostgREST's order and, per kind of request, only what applies.
    const all = parsePrefer(h({ prefer: 'max-affected=2, return=representation, handling=strict, missing=default, count=exact, resolution=merge-duplicates' }));
    expect(preferenceApplied(all, 'create')).toBe('resolution=merge-duplicates, missing=default, return=representation, count=exact, handling=strict');
    expect(preferenceApplied(all, 'read')).toBe('count=exact, handling=strict');
    expect(preferenceApplied(all, 'delete')).toBe('return=representation, count=exact, handling=strict, max-affected=2');
  });
  it('Accept: plan media types only when enabled', () => {
    expect(negotiateAccept('application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|wal|bogus', { planEnabled: true })).toEqual({
      media: 'csv',
      plan: { format: 'json', for: 'csv', options: ['analyze', 'wal'] },
    });
    expect(negotiateAccept('application/vnd.pgrst.plan', { planEnabled: true })).toEqual({ media: 'json', plan: { format: 'text', for: 'json', options: [] } });
    expect(code(() => negotiateAccept('application/vnd.pgrst.plan+json'))).toBe('PGRST107');
    expect(negotiateAccept('application/geo+json')).toEqual({ media: 'geojson' });
  });
  it('Accept', () => {
    expect(negotiateMedia(null)).toBe('json');
    expect(negotiateMedia('application/vnd.pgrst.object+json')).toBe('object');
    expect(negotiateMedia('text/csv')).toBe('csv');
    expect(negotiateMedia('text/xml;q=1, text/csv;q=0.5')).toBe('csv');
    expect(negotiateMedia('*/*')).toBe('json');
    expect(code(() => negotiateMedia('text/xml'))).toBe('PGRST107');
  });
  it('Range', () => {
    expect(parseRangeHeader(h({ range: '0-9' }))).toEqual({ offset: 0, last: 9 });
    expect(parseRangeHeader(h({ range: '10-' }))).toEqual({ offset: 10 });
    expect(parseRangeHeader(h({}))).toBeUndefined();
    expect(code(() => parseRangeHeader(h({ range: '9-0' })))).toBe('PGRST103');
    expect(code(() => parseRangeHeader(h({ range: 'x' })))).toBe('PGRST100');
  });
  it('profiles', () => {
    expect(pickSchema(h({}), 'GET', ['public', 'app'])).toBe('public');
    expect(pickSchema(h({ 'accept-profile': 'app' }), 'GET', ['public', 'app'])).toBe('app');
    expect(pickSchema(h({ 'content-profile': 'app' }), 'POST', ['public', 'app'])).toBe('app');
    expect(code(() => pickSchema(h({ 'accept-profile': 'auth' }), 'GET', ['public']))).toBe('PGRST106');
  });
});

describe('array literals for bound lists', () => {
  it('quotes every element', () => {
    expect(arrayLiteral(['a', 'b,c', 'd"e', 'f\\g', 'NULL'])).toBe('{"a","b,c","d\\"e","f\\\\g","NULL"}');
  });
});
