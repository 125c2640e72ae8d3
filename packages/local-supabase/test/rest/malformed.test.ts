/**
 * Malformed and hostile input: every request below must be answered with a 4xx PostgREST error
 * (JSON {code, message, details, hint}) and nothing of it may reach SQL as text. A recording
 * wrapper around the real database logs every statement; a tripwire table must survive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../src/db/types.ts';
import { createRestHandler, type RestHandler } from '../../src/rest/index.ts';
import type { TestStack } from '../support/stack.ts';
import { startRestStack } from './support.ts';

let stack: TestStack;
let handler: RestHandler;
const log: string[] = [];

function recording(db: Database): Database {
  const wrap = (q: Queryable): Queryable => ({
    query: <T>(sql: string, params?: unknown[]) => {
      log.push(sql);
      return q.query<T>(sql, params);
    },
    exec: (sql: string) => {
      log.push(sql);
      return q.exec(sql);
    },
  });
  return {
    kind: db.kind,
    location: db.location,
    ...wrap(db),
    tx: (fn) => db.tx((q) => fn(wrap(q))),
    listen: (channel, cb) => db.listen(channel, cb),
    close: () => db.close(),
  };
}

beforeAll(async () => {
  stack = await startRestStack();
  // Many entries name an unknown table or function; each such miss reloads the schema cache,
  // throttled by default to one load a second (hardening.test covers the throttle). Unthrottled
  // here, a miss costs one load instead of up to a second of waiting; what may reach SQL is the same.
  handler = createRestHandler({ db: recording(stack.db), listen: false, minMissReloadIntervalMs: 0 });
});
afterAll(async () => {
  await handler?.close();
  await stack?.close();
});

const SERVICE = { role: 'service_role', claims: { role: 'service_role' } };
const DROP = 'drop table public.tripwire';

interface Case {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

const q = (s: string) => encodeURIComponent(s);

const corpus: Case[] = [
  // select
  { path: `/tripwire?select=${q(`id;${DROP}`)}` },
  { path: `/tripwire?select=${q('id,(select 1)')}` },
  { path: `/tripwire?select=${q(`"id"";${DROP};--"`)}` },
  { path: `/tripwire?select=${q(`id::text);${DROP};--`)}` },
  { path: `/tripwire?select=${q(`id::pg_sleep`)}` },
  { path: `/tripwire?select=${q(`note->>'a'');${DROP};--`)}` },
  { path: `/tripwire?select=${q('id,tripwire!inner;drop(id)')}` },
  { path: `/tripwire?select=${q('*,centers(*)')}` },
  { path: `/tripwire?select=${q('名字')}` },
  { path: `/tripwire?select=${q('id,')}` },
  { path: `/tripwire?select=${q('id,centers(id')}` },
  { path: `/tripwire?select=${q('a:b:c')}` },
  { path: `/tripwire?select=${q('...tripwire(id)')}` },
  { path: `/tripwire?select=${q('count(*)')}` },
  { path: `/tripwire?select=${q('id.sum(id)')}` },
  { path: `/tripwire?select=${q('id.median()')}` },
  { path: `/tripwire?select=${q('x'.repeat(20) + '('.repeat(40) + ')'.repeat(40))}` },
  { path: `/tripwire?select=${'a('.repeat(30)}id${')'.repeat(30)}` },
  { path: `/tripwire?select=id&select=note` },
  // filters
  { path: `/tripwire?${q(`id);${DROP};--`)}=eq.1` },
  { path: `/tripwire?id=${q(`eq)(.1`)}` },
  { path: `/tripwire?id=xx.1` },
  { path: `/tripwire?id=eq` },
  { path: `/tripwire?id=${q(`eq.1;${DROP}`)}` },
  { path: `/tripwire?id=is.${q(DROP)}` },
  { path: `/tripwire?id=in.${q(`1);${DROP};--`)}` },
  { path: `/tripwire?id=in.${q('("1,2')}` },
  { path: `/tripwire?note=${q(`fts(english);drop).x`)}` },
  { path: `/tripwire?note=${q(`fts(nosuchconfig).x`)}` },
  { path: `/tripwire?note=${q('eq(any).x')}` },
  { path: `/tripwire?note=${q("like(any).{a,b")}` },
  { path: `/tripwire?${q("note->>a'b")}=eq.1` },
  { path: `/tripwire?nope=eq.1` },
  { path: `/tripwire?note=eq.${q('\u0000')}` },
  { path: `/tripwire?id=eq.${'9'.repeat(400)}` },
  { path: `/tripwire?or=${q(`(id.eq.1,${DROP})`)}` },
  { path: `/tripwire?or=${q('(id.eq.1')}` },
  { path: `/tripwire?or=${q('id.eq.1')}` },
  { path: `/tripwire?or=${q('(' + 'or('.repeat(40) + 'id.eq.1' + ')'.repeat(41))}` },
  { path: `/tripwire?and=${q('(id.eq.1,"unterminated)')}` },
  { path: `/tripwire?centers.id=eq.1` },
  { path: `/tripwire?${q(`x;${DROP}`)}.id=eq.1` },
  // order, limit, offset
  { path: `/tripwire?order=${q(`id;${DROP}`)}` },
  { path: `/tripwire?order=${q('id.desc;drop')}` },
  { path: `/tripwire?order=${q('nope.asc')}` },
  { path: `/tripwire?order=${q('centers(id).asc')}` },
  { path: `/tripwire?limit=${q(`1;${DROP}`)}` },
  { path: `/tripwire?limit=-1` },
  { path: `/tripwire?offset=abc` },
  // headers
  { path: '/tripwire', headers: { 'accept-profile': `public;${DROP}` } },
  { path: '/tripwire', headers: { 'accept-profile': 'auth' } },
  { path: '/tripwire', headers: { accept: 'application/xml' } },
  { path: '/tripwire', headers: { range: `0-1;${DROP}` } },
  { path: '/tripwire', headers: { prefer: `handling=strict, count=exact;${DROP}` } },
  // paths
  { path: `/${q(`tripwire";${DROP};--`)}` },
  { path: '/trip%ZZwire' },
  { path: '/tripwire/extra/segments' },
  { path: `/rpc/${q(`add_numbers";${DROP};--`)}`, method: 'POST', body: '{}' },
  // writes
  { path: '/tripwire', method: 'POST', headers: { 'content-profile': `public;${DROP}` }, body: '{"id":2,"note":"x"}' },
  { path: `/tripwire?columns=${q(`id,"note;${DROP}"`)}`, method: 'POST', body: '{"id":2,"note":"x"}' },
  { path: `/tripwire?on_conflict=${q(`id);${DROP};--`)}`, method: 'POST', headers: { prefer: 'resolution=merge-duplicates' }, body: '{"id":1,"note":"x"}' },
  { path: '/tripwire', method: 'POST', body: JSON.stringify({ id: 2, [`note);${DROP};--`]: 'x' }) },
  { path: '/tripwire', method: 'POST', body: '{"id":2,' },
  { path: '/tripwire', method: 'POST', body: '"just a string"' },
  { path: '/tripwire', method: 'POST', body: '[1,2]' },
  { path: '/tripwire', method: 'POST', body: JSON.stringify({ id: 1, note: 'dup' }) },
  { path: '/tripwire?id=eq.1', method: 'PATCH', body: JSON.stringify({ [`note = 'x'; ${DROP}; --`]: 1 }) },
  { path: '/tripwire?id=eq.1', method: 'PATCH', body: '[]' },
  { path: `/tripwire?id=${q(`eq.1) or (1=1`)}`, method: 'DELETE' },
  { path: '/tripwire?limit=1', method: 'DELETE' },
  { path: '/tripwire', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=3' },
  // rpc
  { path: '/rpc/add_numbers', method: 'POST', body: JSON.stringify({ a: 1, [`b";${DROP};--`]: 2 }) },
  { path: '/rpc/add_numbers', method: 'POST', body: JSON.stringify({ a: `1); ${DROP}; --` }) },
  { path: '/rpc/add_numbers', method: 'POST', body: '{"a":' },
  { path: '/rpc/add_numbers', method: 'POST', body: '[1]' },
  { path: `/rpc/add_numbers?a=1&b=${q(`2);${DROP};--`)}` },
  { path: `/rpc/add_numbers?${q(`a";${DROP};--`)}=1` },
  { path: '/rpc/touch' },
  { path: '/rpc/add_numbers', method: 'PATCH', body: '{}' },
  { path: '/rpc/nope', method: 'POST', body: '{}' },
];

describe('malformed and hostile input', () => {
  it('every corpus entry is a 4xx PostgREST error and never reaches SQL as text', async () => {
    const failures: string[] = [];
    for (const c of corpus) {
      const before = log.length;
      const headers = new Headers(c.headers ?? {});
      if (c.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      const req = new Request(`http://local/rest/v1${c.path}`, { method: c.method ?? 'GET', headers, ...(c.body !== undefined ? { body: c.body } : {}) });
      const path = c.path.split('?')[0]!;
      const res = await handler.handle(req, SERVICE, path);
      const text = await res.text();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        failures.push(`${c.method ?? 'GET'} ${c.path}: body is not JSON: ${text.slice(0, 80)}`);
      }
      if (res.status < 400 || res.status >= 500) failures.push(`${c.method ?? 'GET'} ${c.path}: status ${res.status} ${text.slice(0, 120)}`);
      for (const key of ['code', 'message', 'details', 'hint']) if (!(key in body)) failures.push(`${c.path}: missing ${key}`);
      const sent = log.slice(before).join('\n').toLowerCase();
      if (sent.includes('drop table') || sent.includes('pg_sleep') || sent.includes('(select 1)') || sent.includes('1=1')) {
        failures.push(`${c.method ?? 'GET'} ${c.path}: hostile text reached SQL`);
      }
    }
    expect(failures).toEqual([]);
    const { rows } = await stack.db.query<{ n: string }>('select count(*)::text as n from public.tripwire');
    expect(rows[0]!.n).toBe('1');
  });

  it('identifiers not in the schema cache are rejected before any SQL runs', async () => {
    for (const path of ['/tripwire?select=nope', '/tripwire?nope=eq.1', '/tripwire?order=nope', '/nope_table', '/tripwire?select=id,nope_embed(*)']) {
      const before = log.length;
      const res = await handler.handle(new Request(`http://local/rest/v1${path}`), SERVICE, path.split('?')[0]!);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      // Only the schema-cache reload (catalog queries) may have run, never a statement on the table.
      const sent = log.slice(before);
      expect(sent.filter((s) => s.includes('"tripwire"') || s.includes('nope')), path).toEqual([]);
    }
  });

  it('hostile values are bound, not spliced: they round-trip as data', async () => {
    const evil = `x'); ${DROP}; -- "(,)" 中文 \u{1F600}`;
    const ins = await handler.handle(
      new Request('http://local/rest/v1/tripwire', { method: 'POST', headers: { 'content-type': 'application/json', prefer: 'return=representation' }, body: JSON.stringify({ id: 7, note: evil }) }),
      SERVICE,
      '/tripwire',
    );
    expect(ins.status).toBe(201);
    const read = await handler.handle(new Request(`http://local/rest/v1/tripwire?select=note&note=eq.${q(evil)}`), SERVICE, '/tripwire');
    expect(await read.json()).toEqual([{ note: evil }]);
    const inList = await handler.handle(new Request(`http://local/rest/v1/tripwire?select=id&note=in.(${q(`"${evil.replaceAll('"', '\\"')}"`)})`), SERVICE, '/tripwire');
    expect(await inList.json()).toEqual([{ id: 7 }]);
    const huge = await handler.handle(new Request(`http://local/rest/v1/tripwire?select=id&note=eq.${'x'.repeat(8000)}`), SERVICE, '/tripwire');
    expect(huge.status).toBe(200);
    const { rows } = await stack.db.query<{ n: string }>('select count(*)::text as n from public.tripwire');
    expect(rows[0]!.n).toBe('2');
  });
});
