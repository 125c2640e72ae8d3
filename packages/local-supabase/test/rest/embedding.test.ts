/**
 * Contract tests for select and embedding as PostgREST 12/13 answers them: aggregates, spreads,
 * relationships PostgREST detects (one-to-one, self-references, FK column or constraint as the
 * embed name, computed relationships, views and chains of views), computed fields, embeds without
 * fields, and the errors (PGRST200/201/120/123/127). The film catalogue fixture is
 * test/rest/fixture/supabase/migrations/20260102000000_film_catalogue.sql.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestStack } from '../support/stack.ts';
import { client, rest, startRestStack } from './support.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startRestStack();
});
afterAll(async () => {
  await stack?.close();
});

const byKey = <T extends Record<string, unknown>>(rows: T[], key: keyof T) => [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));

describe('aggregate functions', () => {
  it('sum/avg/count/min/max with aliases and casts, on the whole table and grouped by the other columns', async () => {
    const sb = client(stack);
    const total = await sb.from('shipments').select('total:amount.sum(),n:count(),avg:amount.avg()::int');
    expect(total.error).toBeNull();
    expect(total.status).toBe(200);
    expect(total.data).toEqual([{ total: 135.75, n: 4, avg: 34 }]);

    const grouped = await sb.from('shipments').select('film_id,amount.sum(),count()').order('film_id');
    expect(grouped.data).toEqual([
      { film_id: 1, sum: 30.5, count: 2 },
      { film_id: 2, sum: 5.25, count: 1 },
      { film_id: 3, sum: 100, count: 1 },
    ]);
    const minMax = await sb.from('films').select('director_id,max_budget:budget.max(),year.min(),n:id.count()').order('director_id');
    expect(minMax.data).toEqual([
      { director_id: 1, max_budget: 8000000, min: 1992, n: 2 },
      { director_id: 2, max_budget: 34000000, min: 2001, n: 2 },
    ]);
    // The column cast applies before the aggregate, the aggregate cast after it.
    const casts = await rest(stack, '/films?select=budget::numeric.avg()::int,year::text.max()');
    expect(casts.status).toBe(200);
    expect(casts.text).toBe('[{"avg":15550000,"max":"2008"}]');
    // Filters apply before grouping.
    const filtered = await rest(stack, '/shipments?select=count()&shipped_on=eq.2026-01-02');
    expect(filtered.json).toEqual([{ count: 2 }]);
  });

  it('inside embeds, grouped by embeds, and hoisted out of to-one spreads', async () => {
    const sb = client(stack);
    const inside = await sb.from('directors').select('name,films(count(),year.max())').order('id');
    expect(inside.error).toBeNull();
    expect(inside.data).toEqual([
      { name: 'Quentin Tarantino', films: [{ count: 2, max: 1994 }] },
      { name: 'Hayao Miyazaki', films: [{ count: 2, max: 2008 }] },
      { name: 'Nobody Yet', films: [{ count: 0, max: null }] },
    ]);
    const byEmbed = await sb.from('shipments').select('amount.sum(),films(title)');
    expect(byEmbed.error).toBeNull();
    expect(byKey(byEmbed.data as { sum: number }[], 'sum')).toEqual([
      { sum: 100, films: { title: 'Spirited Away' } },
      { sum: 30.5, films: { title: 'Reservoir Dogs' } },
      { sum: 5.25, films: { title: 'Pulp Fiction' } },
    ]);
    // `...technical_specs(runtime_min.sum())` sums over the films of each director.
    const hoisted = await sb.from('films').select('director_id,...technical_specs(runtime_min.sum())').order('director_id');
    expect(hoisted.error).toBeNull();
    expect(hoisted.data).toEqual([
      { director_id: 1, sum: 253 },
      { director_id: 2, sum: 125 },
    ]);
    const spreadCount = await rest(stack, '/films?select=director_id,...technical_specs(specs:count())&order=director_id');
    expect(spreadCount.json).toEqual([
      { director_id: 1, specs: 2 },
      { director_id: 2, specs: 1 },
    ]);
  });

  it('errors when used wrongly: to-many spread (PGRST127), ungrouped order (42803), sum of text (42883)', async () => {
    const toMany = await rest(stack, '/directors?select=name,...films(count())');
    expect(toMany.status).toBe(400);
    expect(toMany.json).toEqual({ code: 'PGRST127', details: 'Aggregates are not implemented for one-to-many or many-to-many spreads.', hint: null, message: 'Feature not implemented' });
    const ungrouped = await rest(stack, '/shipments?select=film_id,amount.sum()&order=amount');
    expect(ungrouped.status).toBe(400);
    expect(ungrouped.json).toMatchObject({ code: '42803' });
    const text = await client(stack).from('films').select('title.sum()');
    expect(text.status).toBe(404);
    expect(text.error).toMatchObject({ code: '42883', message: 'function sum(text) does not exist' });
    const malformed = await rest(stack, '/films?select=title.median()');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ code: 'PGRST100' });
  });

  it('pgrst.db_aggregates_enabled = false on the authenticator role turns them off (PGRST123), as PostgREST', async () => {
    const { rows } = await stack.db.query<{ db: string }>('select current_database() as db');
    const db = `"${rows[0]!.db.replaceAll('"', '""')}"`;
    // The setting arrives with NOTIFY pgrst 'reload config'; wait until the reload has landed.
    const until = (status: number) =>
      vi.waitFor(
        async () => {
          const res = await rest(stack, '/shipments?select=count()');
          expect(res.status).toBe(status);
          return res;
        },
        { timeout: 10_000, interval: 20 },
      );
    try {
      await stack.db.query(`alter role authenticator in database ${db} set pgrst.db_aggregates_enabled = 'false'`);
      await stack.db.query(`notify pgrst, 'reload config'`);
      const off = await until(400);
      expect(off.json).toEqual({ code: 'PGRST123', details: null, hint: null, message: 'Use of aggregate functions is not allowed' });
      const nested = await rest(stack, '/directors?select=name,films(count())');
      expect(nested.json).toMatchObject({ code: 'PGRST123' });
      // Everything else still works.
      expect((await rest(stack, '/films?select=id&id=eq.1')).json).toEqual([{ id: 1 }]);
    } finally {
      await stack.db.query(`alter role authenticator in database ${db} reset pgrst.db_aggregates_enabled`);
      await stack.db.query(`notify pgrst, 'reload config'`);
    }
    expect((await until(200)).json).toEqual([{ count: 4 }]);
  });
});

describe('spread embeds', () => {
  it('to-many spreads give one array per column, in the embed order (PostgREST 13), nested spreads included', async () => {
    const sb = client(stack);
    const flat = await sb.from('directors').select('name,...films(titles:title,years:year)').in('id', [1, 3]).order('id').order('year', { referencedTable: 'films' });
    expect(flat.error).toBeNull();
    expect(flat.data).toEqual([
      { name: 'Quentin Tarantino', titles: ['Reservoir Dogs', 'Pulp Fiction'], years: [1992, 1994] },
      { name: 'Nobody Yet', titles: [], years: [] },
    ]);
    const nested = await rest(stack, '/directors?select=name,...films(title,...technical_specs(runtime_min),...roles(character))&id=eq.1&films.order=year&films.roles.order=character');
    expect(nested.status).toBe(200);
    expect(nested.json).toEqual([
      { name: 'Quentin Tarantino', title: ['Reservoir Dogs', 'Pulp Fiction'], runtime_min: [99, 154], character: [['Mr. White'], ['Mia Wallace', 'The Wolf']] },
    ]);
  });

  it('to-one spreads lift a junction row’s relation into it', async () => {
    const { data, error } = await client(stack).from('films').select('title,actors:roles(character,...actors(name))').eq('id', 2).order('character', { referencedTable: 'actors' });
    expect(error).toBeNull();
    expect(data).toEqual([
      {
        title: 'Pulp Fiction',
        actors: [
          { character: 'Mia Wallace', name: 'Uma Thurman' },
          { character: 'The Wolf', name: 'Harvey Keitel' },
        ],
      },
    ]);
  });
});

describe('relationships PostgREST detects', () => {
  it('one-to-one (the FK is the primary key) embeds an object both ways; a unique index alone does not', async () => {
    const sb = client(stack);
    const films = await sb.from('films').select('title,technical_specs(camera)').order('id');
    expect(films.data).toEqual([
      { title: 'Reservoir Dogs', technical_specs: { camera: 'Panavision' } },
      { title: 'Pulp Fiction', technical_specs: { camera: 'Arriflex' } },
      { title: 'Spirited Away', technical_specs: { camera: null } },
      { title: 'Ponyo', technical_specs: null },
    ]);
    const specs = await sb.from('technical_specs').select('runtime_min,films(title)').eq('film_id', 1);
    expect(specs.data).toEqual([{ runtime_min: 99, films: { title: 'Reservoir Dogs' } }]);
    // A plain unique index (no constraint) does not make it one-to-one, as in PostgREST.
    const posters = await sb.from('films').select('title,posters(url)').eq('id', 1);
    expect(posters.data).toEqual([{ title: 'Reservoir Dogs', posters: [{ url: 'https://example.test/rd.jpg' }] }]);
  });

  it('embedded JSON has the bytes PostgREST writes (jsonb: keys by length then name, spaced)', async () => {
    const res = await rest(stack, '/films?select=title,directors(name,id),roles(character,actor_id)&id=eq.2&roles.order=actor_id');
    expect(res.text).toBe(
      '[{"title":"Pulp Fiction","directors":{"id": 1, "name": "Quentin Tarantino"},"roles":[{"actor_id": 1, "character": "Mia Wallace"}, {"actor_id": 2, "character": "The Wolf"}]}]',
    );
    const spread = await rest(stack, '/directors?select=name,...films(title)&id=eq.2&films.order=year');
    expect(spread.text).toBe('[{"name":"Hayao Miyazaki","title":["Spirited Away", "Ponyo"]}]');
  });

  it('two FKs to one table: 300 PGRST201 with details and hint; the constraint or column hint resolves it', async () => {
    const ambiguous = await rest(stack, '/shipments?select=*,addresses(*)');
    expect(ambiguous.status).toBe(300);
    expect(ambiguous.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(ambiguous.json).toEqual({
      code: 'PGRST201',
      details: [
        { cardinality: 'many-to-one', embedding: 'shipments with addresses', relationship: 'billing using shipments(billing_address_id) and addresses(id)' },
        { cardinality: 'many-to-one', embedding: 'shipments with addresses', relationship: 'shipping using shipments(shipping_address_id) and addresses(id)' },
      ],
      hint: "Try changing 'addresses' to one of the following: 'addresses!billing', 'addresses!shipping'. Find the desired relationship in the 'details' key.",
      message: "Could not embed because more than one relationship was found for 'shipments' and 'addresses'",
    });
    const sb = client(stack);
    const hinted = await sb.from('shipments').select('id,billing:addresses!billing(city),shipping:addresses!shipping_address_id(city)').eq('id', 1);
    expect(hinted.data).toEqual([{ id: 1, billing: { city: 'Jining' }, shipping: { city: 'Wenshang' } }]);
    const reverse = await sb.from('addresses').select('city,billed:shipments!billing(id),shipped:shipments!shipping(id)').eq('id', 1).order('id', { referencedTable: 'billed' }).order('id', { referencedTable: 'shipped' });
    expect(reverse.data).toEqual([{ city: 'Jining', billed: [{ id: 1 }, { id: 2 }, { id: 4 }], shipped: [{ id: 2 }] }]);
  });

  it('an FK column or a constraint name as the embed name', async () => {
    const byColumn = await rest(stack, '/films?select=title,director_id(name)&id=eq.1');
    expect(byColumn.json).toEqual([{ title: 'Reservoir Dogs', director_id: { name: 'Quentin Tarantino' } }]);
    const byConstraint = await rest(stack, '/films?select=title,films_director_id_fkey(name)&id=eq.1');
    expect(byConstraint.json).toEqual([{ title: 'Reservoir Dogs', films_director_id_fkey: { name: 'Quentin Tarantino' } }]);
  });

  it('self-references: the parent by the FK column, the children by the table name or !fk_column, or a computed relationship', async () => {
    const sb = client(stack);
    const both = await sb.from('employees').select('name,supervisor_id(name),employees(name)').eq('id', 3);
    expect(both.error).toBeNull();
    expect(both.data).toEqual([{ name: 'Miller', supervisor_id: { name: 'Taylor' }, employees: [{ name: 'Smith' }] }]);
    const hinted = await sb.from('employees').select('name,reports:employees!supervisor_id(name)').eq('id', 1).order('id', { referencedTable: 'reports' });
    expect(hinted.data).toEqual([{ name: 'Taylor', reports: [{ name: 'Johnson' }, { name: 'Miller' }] }]);
    const computed = await sb.from('employees').select('name,supervisees(name)').eq('id', 1).order('name', { referencedTable: 'supervisees' });
    expect(computed.data).toEqual([{ name: 'Taylor', supervisees: [{ name: 'Johnson' }, { name: 'Miller' }] }]);
  });

  it('computed relationships: fn(row) returns setof table (rows 1 → object), with filters and order inside', async () => {
    const sb = client(stack);
    const toOne = await sb.from('premieres').select('location,film(title)').order('id');
    expect(toOne.error).toBeNull();
    expect(toOne.data).toEqual([
      { location: 'Cannes', film: { title: 'Pulp Fiction' } },
      { location: 'Berlin', film: { title: 'Spirited Away' } },
      { location: 'Tokyo', film: { title: 'Spirited Away' } },
    ]);
    const toMany = await sb.from('films').select('title,premieres(location)').eq('id', 3).order('location', { referencedTable: 'premieres', ascending: false });
    expect(toMany.data).toEqual([{ title: 'Spirited Away', premieres: [{ location: 'Tokyo' }, { location: 'Berlin' }] }]);
    const inner = await sb.from('films').select('title,premieres!inner(location)').eq('premieres.location', 'Cannes');
    expect(inner.data).toEqual([{ title: 'Pulp Fiction', premieres: [{ location: 'Cannes' }] }]);
  });

  it('a computed relationship overrides the detected one of the same name; many-to-many through the junction stays', async () => {
    const sb = client(stack);
    const overridden = await sb.from('actors').select('name,roles(character)').eq('id', 2);
    expect(overridden.data).toEqual([{ name: 'Harvey Keitel', roles: [{ character: 'Mr. White' }] }]);
    const m2m = await sb.from('actors').select('name,films(title)').eq('id', 2).order('id', { referencedTable: 'films' });
    expect(m2m.data).toEqual([{ name: 'Harvey Keitel', films: [{ title: 'Reservoir Dogs' }, { title: 'Pulp Fiction' }] }]);
  });

  it('views: foreign keys inferred from the base tables, renamed columns, chains of views and base tables in unexposed schemas included', async () => {
    const sb = client(stack);
    const m2o = await sb.from('film_cards').select('title,directors(name)').eq('id', 3);
    expect(m2o.error).toBeNull();
    expect(m2o.data).toEqual([{ title: 'Spirited Away', directors: { name: 'Hayao Miyazaki' } }]);
    const o2m = await sb.from('directors').select('name,film_cards(title)').eq('id', 2).order('year', { referencedTable: 'film_cards' });
    expect(o2m.data).toEqual([{ name: 'Hayao Miyazaki', film_cards: [{ title: 'Spirited Away' }, { title: 'Ponyo' }] }]);
    const through = await sb.from('film_cards').select('title,technical_specs(camera),actors(name)').eq('id', 1);
    expect(through.error).toBeNull();
    expect(through.data).toEqual([{ title: 'Reservoir Dogs', technical_specs: { camera: 'Panavision' }, actors: [{ name: 'Harvey Keitel' }] }]);
    const isolated = await sb.from('films').select('title,awards(award)').eq('id', 3).order('id', { referencedTable: 'awards' });
    expect(isolated.error).toBeNull();
    expect(isolated.data).toEqual([{ title: 'Spirited Away', awards: [{ award: 'Golden Bear' }, { award: 'Academy Award' }] }]);
    const fromView = await sb.from('awards').select('award,films(title),awards_pk:id').eq('id', 1);
    expect(fromView.data).toEqual([{ award: 'Palme d\'Or', films: { title: 'Pulp Fiction' }, awards_pk: 1 }]);
    const chain = await sb.from('recent_films').select('title,directors(name)').order('id');
    expect(chain.data).toEqual([
      { title: 'Spirited Away', directors: { name: 'Hayao Miyazaki' } },
      { title: 'Ponyo', directors: { name: 'Hayao Miyazaki' } },
    ]);
  });

  it('embeds without fields filter the parent and are left out of the output', async () => {
    const sb = client(stack);
    const byRole = await sb.from('films').select('title,roles()').eq('roles.character', 'Chihiro').not('roles', 'is', null);
    expect(byRole.error).toBeNull();
    expect(byRole.data).toEqual([{ title: 'Spirited Away' }]);
    const inner = await sb.from('films').select('title,actors!inner()').eq('actors.name', 'Uma Thurman');
    expect(inner.data).toEqual([{ title: 'Pulp Fiction' }]);
    const anti = await sb.from('directors').select('name,films()').is('films', null);
    expect(anti.data).toEqual([{ name: 'Nobody Yet' }]);
  });

  it('computed fields (fn(row) returns scalar) in select, filters and order', async () => {
    const sb = client(stack);
    const { data, error } = await sb.from('films').select('id,label:title_year').like('title_year', 'Pulp*');
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 2, label: 'Pulp Fiction (1994)' }]);
    const ordered = await sb.from('films').select('title_year').order('title_year', { ascending: false }).limit(1);
    expect(ordered.data).toEqual([{ title_year: 'Spirited Away (2001)' }]);
  });

  it('computed fields and relationships on the rows of an RPC and of a write', async () => {
    const sb = client(stack);
    const rpc = await sb.rpc('films_since', { y: 2000 }).select('title,title_year,premieres(location),directors(name)').order('id');
    expect(rpc.error).toBeNull();
    expect(rpc.data).toEqual([
      { title: 'Spirited Away', title_year: 'Spirited Away (2001)', premieres: [{ location: 'Berlin' }, { location: 'Tokyo' }], directors: { name: 'Hayao Miyazaki' } },
      { title: 'Ponyo', title_year: 'Ponyo (2008)', premieres: [], directors: { name: 'Hayao Miyazaki' } },
    ]);
    const inserted = await sb.from('films').insert({ id: 99, director_id: 1, title: 'Death Proof', year: 2007 }).select('title,title_year,premieres(location),directors(name)');
    try {
      expect(inserted.error).toBeNull();
      expect(inserted.status).toBe(201);
      expect(inserted.data).toEqual([{ title: 'Death Proof', title_year: 'Death Proof (2007)', premieres: [], directors: { name: 'Quentin Tarantino' } }]);
    } finally {
      await stack.db.query('delete from public.films where id = 99');
    }
  });

  it('orders the parent by a column of a to-one embed; to-many (PGRST118) and missing embeds (PGRST108) are refused', async () => {
    const sb = client(stack);
    const ordered = await sb.from('films').select('title,directors(name)').order('directors(name)', { ascending: false }).order('year');
    expect(ordered.error).toBeNull();
    expect((ordered.data as { title: string }[]).map((f) => f.title)).toEqual(['Reservoir Dogs', 'Pulp Fiction', 'Spirited Away', 'Ponyo']);
    const byAlias = await rest(stack, '/shipments?select=id,billing:addresses!billing(city)&order=billing(city).desc,id');
    expect(byAlias.json).toEqual([
      { id: 3, billing: { city: 'Wenshang' } },
      { id: 1, billing: { city: 'Jining' } },
      { id: 2, billing: { city: 'Jining' } },
      { id: 4, billing: { city: 'Jining' } },
    ]);
    const toMany = await rest(stack, '/directors?select=name,films(title)&order=films(title)');
    expect(toMany.status).toBe(400);
    expect(toMany.json).toEqual({
      code: 'PGRST118',
      details: "'directors' and 'films' do not form a many-to-one or one-to-one relationship",
      hint: null,
      message: "A related order on 'films' is not possible",
    });
    const missing = await rest(stack, '/films?select=title&order=directors(name)');
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      code: 'PGRST108',
      details: null,
      hint: "Verify that 'directors' is included in the 'select' query parameter.",
      message: "'directors' is not an embedded resource in this request",
    });
  });

  it('errors: no relationship (PGRST200 with a suggestion), bad operator on an embed (PGRST120)', async () => {
    const none = await rest(stack, '/films?select=title,director(name)');
    expect(none.status).toBe(400);
    expect(none.json).toEqual({
      code: 'PGRST200',
      details: "Searched for a foreign key relationship between 'films' and 'director' in the schema 'public', but no matches were found.",
      hint: "Perhaps you meant 'directors' instead of 'director'.",
      message: "Could not find a relationship between 'films' and 'director' in the schema cache",
    });
    const withHint = await rest(stack, '/films?select=title,directors!nope(name)');
    expect(withHint.json).toMatchObject({
      code: 'PGRST200',
      details: "Searched for a foreign key relationship between 'films' and 'directors' using the hint 'nope' in the schema 'public', but no matches were found.",
      hint: null,
    });
    const badOp = await rest(stack, '/directors?select=name,films()&films=eq.1');
    expect(badOp.status).toBe(400);
    expect(badOp.json).toEqual({
      code: 'PGRST120',
      details: 'Only is null or not is null filters are allowed on embedded resources',
      hint: null,
      message: "Bad operator on the 'films' embedded resource",
    });
  });
});
