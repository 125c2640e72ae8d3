/**
 * The HTTP layer: route → parse → plan → execute (one transaction as the caller) → respond,
 * with PostgREST's statuses, headers and error bodies.
 */
import { isStalePreparedStatement, type Database, type Queryable } from '../db/types.ts';
import { runAs, type RequestAuth } from '../request-context.ts';
import type { MediaType, Preferences, ReadQuery, RangeSpec } from './ast.ts';
import { emptyLevel } from './ast.ts';
import { checkJsonContentType, invalidBody, isPlainObject, parseJsonBody, readBodyLimited } from './body.ts';
import { jsonArrayToCsv } from './csv.ts';
import { RestError, parseError, singleObjectError, toRestError } from './errors.ts';
import { negotiateMedia, parsePrefer, parseRangeHeader, pickSchema } from './parse/headers.ts';
import { parseQuery } from './parse/query.ts';
import { PlanContext } from './plan/context.ts';
import { planDelete, planInsert, planRpc, planTableRead, planUpdate, rpcShape, type Paging, type ReturnMode, type RpcResultShape, type Statement } from './plan/statements.ts';
import { loadSchemaCache, relationKey, type FunctionInfo, type Relation, type SchemaCache } from './schema-cache.ts';

export interface RestHandlerOptions {
  db: Database;
  /** Exposed schemas; the first is the default profile. */
  schemas?: string[];
  /** Request bodies above this are refused with 413 (default 10 MB). */
  maxBodyBytes?: number;
  /** URLs above this many characters are refused with 414 (default 16 KB). */
  maxUrlLength?: number;
  /** Subscribe to NOTIFY pgrst 'reload schema' (default true). */
  listen?: boolean;
  /**
   * Aggregate functions in `select` (PostgREST's `db-aggregates-enabled`). Default true, as on
   * Supabase; `alter role authenticator set pgrst.db_aggregates_enabled = 'false'` and
   * `notify pgrst, 'reload config'` turn them off in the database, as with PostgREST.
   */
  aggregates?: boolean;
}

export interface RestHandler {
  /** `path` is what follows /rest/v1, e.g. "/institutions" or "/rpc/nearby_institutions". */
  handle(req: Request, auth: RequestAuth, path: string): Promise<Response>;
  /** Reload the schema cache (also done on a cache miss and on NOTIFY pgrst 'reload schema'). */
  reloadSchema(): Promise<void>;
  /** Stop listening for NOTIFY (call before closing the database). */
  close(): Promise<void>;
}

type Route = { kind: 'root' } | { kind: 'relation'; name: string } | { kind: 'rpc'; name: string };

function parseRoute(path: string): Route {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return { kind: 'root' };
  const segments = trimmed.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw parseError('"failed to parse path"', 'invalid percent-encoding');
    }
  });
  if (segments.length === 1) return { kind: 'relation', name: segments[0]! };
  if (segments.length === 2 && segments[0] === 'rpc') return { kind: 'rpc', name: segments[1]! };
  throw new RestError(404, 'PGRST125', `Invalid path specified in request URL`);
}

/** Thrown inside the transaction to roll it back while still answering. */
class Rollback {
  constructor(readonly outcome: Outcome | RestError) {}
}

interface Outcome {
  total: number | undefined;
  pageTotal: number;
  body: string | null;
}

interface Planned {
  statement: Statement;
  readOnly: boolean;
  /** Check the single-object rule after running (rows ≠ 1 → 406, rolled back). */
  single: boolean;
  respond(outcome: Outcome): Response;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function contentRange(lower: number, pageTotal: number, total: number | undefined): string {
  const tot = total === undefined ? '*' : String(total);
  return pageTotal > 0 ? `${lower}-${lower + pageTotal - 1}/${tot}` : `*/${tot}`;
}

function errorResponse(error: RestError, role: string): Response {
  const headers: Record<string, string> = { 'content-type': JSON_TYPE, ...error.headers };
  if (error.status === 401 && role === 'anon') headers['www-authenticate'] = 'Bearer';
  return new Response(JSON.stringify(error.body), { status: error.status, headers });
}

function notFoundRelation(schema: string, name: string): RestError {
  return new RestError(404, 'PGRST205', `Could not find the table '${schema}.${name}' in the schema cache`, { hint: null, cacheMiss: true });
}

function pagingFor(query: ReadQuery, range: RangeSpec | undefined): Paging {
  const top = query.levels.get('') ?? emptyLevel();
  const qOffset = top.offset ?? 0;
  const qLast = top.limit !== undefined ? qOffset + top.limit - 1 : Number.POSITIVE_INFINITY;
  const rOffset = range?.offset ?? 0;
  const rLast = range?.last ?? Number.POSITIVE_INFINITY;
  const lower = Math.max(qOffset, rOffset);
  const upper = Math.min(qLast, rLast);
  const paging: Paging = {};
  if (lower > 0) paging.offset = lower;
  if (upper !== Number.POSITIVE_INFINITY) paging.limit = Math.max(0, upper - lower + 1);
  return paging;
}

const isInputArg = (mode: string) => mode === 'i' || mode === 'b' || mode === 'v';
const isJsonType = (type: string) => type === 'json' || type === 'jsonb';

function resolveFunction(
  cache: SchemaCache,
  schema: string,
  name: string,
  keys: string[],
  options: { singleObject: boolean; body: unknown },
): { fn: FunctionInfo; single: boolean } {
  const candidates = cache.functions.get(relationKey(schema, name)) ?? [];
  const singleJson = candidates.filter((f) => {
    const inputs = f.args.filter((a) => isInputArg(a.mode));
    return inputs.length === 1 && isJsonType(inputs[0]!.type);
  });
  if (options.singleObject && singleJson.length === 1) return { fn: singleJson[0]!, single: true };
  const named = candidates.filter((f) => {
    const inputs = f.args.filter((a) => isInputArg(a.mode));
    return keys.every((k) => inputs.some((a) => a.name === k)) && inputs.every((a) => a.hasDefault || keys.includes(a.name));
  });
  if (named.length === 1) return { fn: named[0]!, single: false };
  if (named.length > 1) {
    throw new RestError(300, 'PGRST203', `Could not choose the best candidate function between: ${named.map((f) => `${f.schema}.${f.name}(${f.args.filter((a) => isInputArg(a.mode)).map((a) => `${a.name} => ${a.type}`).join(', ')})`).join(', ')}`, {
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    });
  }
  const unnamedJson = singleJson.filter((f) => f.args.find((a) => isInputArg(a.mode))!.name === '');
  if (unnamedJson.length === 1 && options.body !== undefined) return { fn: unnamedJson[0]!, single: true };
  throw new RestError(404, 'PGRST202', `Could not find the function ${schema}.${name}${keys.length ? `(${keys.join(', ')})` : ' without parameters'} in the schema cache`, {
    details: `Searched for the function ${schema}.${name}${keys.length ? ` with parameters ${keys.join(', ')}` : ' without parameters'} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
    hint: null,
    cacheMiss: true,
  });
}

/** The request as far as planning a read depends on it (never the caller: plans hold no identity). */
function readKey(req: Request, method: string, path: string, url: URL): string {
  const h = req.headers;
  return [method, path, url.search, h.get('accept') ?? '', h.get('prefer') ?? '', h.get('range') ?? '', h.get('range-unit') ?? '', h.get('accept-profile') ?? ''].join('\n');
}

/** A bounded map of planned reads, emptied whenever the schema cache is replaced. */
class PlanCache {
  #schema: SchemaCache | undefined;
  #plans = new Map<string, Planned>();
  constructor(private readonly max: number) {}
  get(schema: SchemaCache, key: string): Planned | undefined {
    return this.#schema === schema ? this.#plans.get(key) : undefined;
  }
  set(schema: SchemaCache, key: string, planned: Planned): void {
    if (this.#schema !== schema) {
      this.#schema = schema;
      this.#plans.clear();
    }
    if (this.#plans.size >= this.max) this.#plans.delete(this.#plans.keys().next().value!);
    this.#plans.set(key, planned);
  }
}

function isStaleCacheError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '42703' || code === '42P01' || isStalePreparedStatement(error);
}

export function createRestHandler(options: RestHandlerOptions): RestHandler {
  const db = options.db;
  const schemas = options.schemas && options.schemas.length > 0 ? options.schemas : ['public'];
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const maxUrlLength = options.maxUrlLength ?? 16 * 1024;
  let cache: Promise<SchemaCache> | undefined;
  let unlisten: Promise<(() => Promise<void>) | undefined> | undefined;
  let closed = false;
  const plans = new PlanCache(1_000);

  const reload = (): Promise<SchemaCache> => {
    const next = loadSchemaCache(db, schemas, options.aggregates === undefined ? {} : { aggregatesEnabled: options.aggregates });
    cache = next;
    next.catch(() => {
      if (cache === next) cache = undefined;
    });
    return next;
  };
  const current = (): Promise<SchemaCache> => cache ?? reload();
  const ensureListening = () => {
    if (unlisten || closed || options.listen === false) return;
    unlisten = db
      .listen('pgrst', (payload) => {
        const p = payload.trim();
        if (p === '' || p === 'reload schema' || p === 'reload config') void reload().catch(() => {});
      })
      .catch(() => undefined);
  };

  async function plan(req: Request, route: Route, url: URL, method: string, bodyText: string, cacheNow: SchemaCache): Promise<Planned> {
    const headers = req.headers;
    const schema = pickSchema(headers, method, schemas);
    const media = negotiateMedia(headers.get('accept'));
    const prefs = parsePrefer(headers);
    const ctx = new PlanContext(cacheNow, schema);
    const count = prefs.count !== undefined;
    const ret: ReturnMode = prefs.return ?? 'minimal';
    const preferenceApplied = (extra: Record<string, string> = {}): Record<string, string> =>
      prefs.applied.length ? { 'preference-applied': prefs.applied.join(', '), ...extra } : extra;

    if (route.kind === 'rpc') {
      const candidates = cacheNow.functions.get(relationKey(schema, route.name)) ?? [];
      const isGet = method === 'GET' || method === 'HEAD';
      if (!isGet && method !== 'POST') throw new RestError(405, 'PGRST101', 'Only GET, HEAD and POST are allowed on functions');
      const argNames = new Set(candidates.flatMap((f) => f.args.filter((a) => isInputArg(a.mode)).map((a) => a.name)));
      const parsed = parseQuery(url.searchParams, isGet ? { rpcArgNames: argNames } : {});
      let args: Record<string, unknown> = {};
      let body: unknown;
      if (isGet) {
        for (const [k, values] of parsed.rpcArgs) args[k] = values.length === 1 ? values[0] : values;
      } else {
        checkJsonContentType(req);
        body = parseJsonBody(bodyText, {});
        if (isPlainObject(body)) args = body;
      }
      const { fn, single } = resolveFunction(cacheNow, schema, route.name, isPlainObject(body) || isGet ? Object.keys(args) : [], {
        singleObject: prefs.params === 'single-object',
        body,
      });
      if (!single && !isGet && !isPlainObject(body)) throw invalidBody('Function arguments must be a JSON object');
      if (isGet && fn.volatility === 'volatile') {
        throw new RestError(405, 'PGRST101', 'Cannot use the GET method on RPC with a volatile function');
      }
      const paging = pagingFor(parsed.read, isGet ? parseRangeHeader(headers) : undefined);
      const shape: RpcResultShape = rpcShape(fn);
      const statement = planRpc(ctx, { fn, args, ...(single ? { singleJsonBody: body ?? {} } : {}), query: parsed.read, media, paging, count });
      return {
        statement,
        readOnly: isGet || fn.volatility !== 'volatile',
        single: media === 'object' && (shape === 'rows' || shape === 'scalar-set'),
        respond: (o) => {
          if (shape === 'void') return new Response(null, { status: 204, headers: preferenceApplied() });
          const h: Record<string, string> = preferenceApplied({ 'content-type': media === 'csv' ? 'text/csv; charset=utf-8' : JSON_TYPE });
          if (shape === 'rows' || shape === 'scalar-set') h['content-range'] = contentRange(paging.offset ?? 0, o.pageTotal, o.total);
          const text = media === 'csv' ? jsonArrayToCsv(o.body ?? '[]') : (o.body ?? 'null');
          return new Response(method === 'HEAD' ? null : text, { status: 200, headers: h });
        },
      };
    }

    if (route.kind !== 'relation') throw new RestError(404, 'PGRST125', 'Invalid path specified in request URL');
    const relation: Relation | undefined = cacheNow.relations.get(relationKey(schema, route.name));
    if (!relation || relation.kind === 'composite') throw notFoundRelation(schema, route.name);
    const parsed = parseQuery(url.searchParams);

    if (method === 'GET' || method === 'HEAD') {
      const range = parseRangeHeader(headers);
      const paging = pagingFor(parsed.read, range);
      const statement = planTableRead(ctx, relation, parsed.read, media, paging, count);
      return {
        statement,
        readOnly: true,
        single: false,
        respond: (o) => {
          const lower = paging.offset ?? 0;
          if (media === 'object' && o.pageTotal !== 1) throw singleObjectError(o.pageTotal);
          if (o.total !== undefined && lower > o.total && lower > 0) {
            throw new RestError(416, 'PGRST103', 'Requested range not satisfiable', {
              details: `An offset of ${lower} was requested, but there are only ${o.total} rows.`,
              headers: { 'content-range': `*/${o.total}` },
            });
          }
          const status = o.total !== undefined && o.pageTotal < o.total ? 206 : 200;
          const h = preferenceApplied({
            'content-type': media === 'csv' ? 'text/csv; charset=utf-8' : JSON_TYPE,
            'content-range': contentRange(lower, o.pageTotal, o.total),
          });
          const text = media === 'csv' ? jsonArrayToCsv(o.body ?? '[]') : (o.body ?? '[]');
          return new Response(method === 'HEAD' ? null : text, { status, headers: h });
        },
      };
    }

    const mutationResponse = (status: number, o: Outcome): Response => {
      const h = preferenceApplied({ 'content-range': contentRange(0, o.pageTotal, count ? o.pageTotal : undefined) });
      if (ret === 'representation') {
        h['content-type'] = media === 'csv' ? 'text/csv; charset=utf-8' : JSON_TYPE;
        return new Response(media === 'csv' ? jsonArrayToCsv(o.body ?? '[]') : (o.body ?? '[]'), { status, headers: h });
      }
      if (ret === 'headers-only' && method === 'POST' && o.body) {
        const keys = JSON.parse(o.body) as Record<string, unknown>[];
        const first = keys[0];
        if (first) {
          const qs = Object.entries(first)
            .map(([k, v]) => `${encodeURIComponent(k)}=eq.${encodeURIComponent(String(v))}`)
            .join('&');
          h.location = `/${encodeURIComponent(relation.name)}?${qs}`;
        }
      }
      return new Response(null, { status: status === 201 ? 201 : 204, headers: h });
    };

    if (method === 'POST' || method === 'PUT') {
      checkJsonContentType(req);
      const body = parseJsonBody(bodyText);
      let rows: Record<string, unknown>[];
      if (Array.isArray(body)) {
        if (!body.every(isPlainObject)) throw invalidBody('Every element of the array must be a JSON object');
        rows = body;
      } else if (isPlainObject(body)) {
        rows = [body];
      } else {
        throw invalidBody('Expected a JSON object or an array of objects');
      }
      let onConflict = parsed.onConflict;
      let resolution = prefs.resolution;
      if (method === 'PUT') {
        // PUT = upsert of exactly one row identified by eq filters on the whole primary key.
        const top = parsed.read.levels.get('') ?? emptyLevel();
        const pk = relation.primaryKey;
        const eqs = new Map(top.filters.filter((f) => f.operator === 'eq' && !f.negate && f.path.json.length === 0).map((f) => [f.path.column, f.value.kind === 'scalar' ? f.value.value : '']));
        if (pk.length === 0 || top.filters.length !== pk.length || !pk.every((c) => eqs.has(c)) || top.logic.length > 0) {
          throw new RestError(405, 'PGRST105', 'Filters must include all and only primary key columns with \'eq\' operators');
        }
        if (rows.length !== 1) throw invalidBody('PUT takes a single JSON object');
        for (const c of pk) {
          if (String(rows[0]![c]) !== eqs.get(c)) throw new RestError(400, 'PGRST115', 'Payload values do not match URL in primary key column(s)');
        }
        onConflict = pk;
        resolution = 'merge-duplicates';
        parsed.read.levels.set('', { ...emptyLevel(), order: [] });
      }
      const statement = planInsert(ctx, relation, {
        rows,
        ...(parsed.columns ? { columns: parsed.columns } : {}),
        ...(onConflict ? { onConflict } : {}),
        ...(resolution ? { resolution } : {}),
        missingDefault: prefs.missing === 'default',
        ret,
        media,
        query: parsed.read,
      });
      return { statement, readOnly: false, single: media === 'object', respond: (o) => mutationResponse(method === 'PUT' ? 200 : 201, o) };
    }
    if (method === 'PATCH') {
      checkJsonContentType(req);
      const body = parseJsonBody(bodyText);
      if (!isPlainObject(body)) throw invalidBody('PATCH takes a single JSON object');
      const statement = planUpdate(ctx, relation, { values: body, ret, media, query: parsed.read });
      return { statement, readOnly: false, single: media === 'object', respond: (o) => mutationResponse(200, o) };
    }
    if (method === 'DELETE') {
      const statement = planDelete(ctx, relation, { ret, media, query: parsed.read });
      return { statement, readOnly: false, single: media === 'object', respond: (o) => mutationResponse(200, o) };
    }
    throw new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
  }

  async function execute(auth: RequestAuth, req: Request, path: string, planned: Planned, prefs: Preferences): Promise<Outcome> {
    const run = async (q: Queryable): Promise<Outcome> => {
      const result = await q.query<{ total: string | null; page_total: string | null; body: string | null }>(planned.statement.sql, planned.statement.params);
      const row = result.rows[0];
      const outcome: Outcome = {
        total: row?.total === null || row?.total === undefined ? undefined : Number(row.total),
        pageTotal: Number(row?.page_total ?? 0),
        body: row?.body ?? null,
      };
      if (planned.single && outcome.pageTotal !== 1) throw new Rollback(singleObjectError(outcome.pageTotal));
      if (prefs.handling === 'strict' && prefs.maxAffected !== undefined && outcome.pageTotal > prefs.maxAffected && !planned.readOnly) {
        throw new Rollback(
          new RestError(400, 'PGRST124', 'Query result exceeds max-affected preference constraint', {
            details: `The query affects ${outcome.pageTotal} rows`,
          }),
        );
      }
      if (prefs.tx === 'rollback') throw new Rollback(outcome);
      return outcome;
    };
    try {
      // Headers iterate with lower-cased names, as PostgREST exposes them.
      return await runAs(db, auth, run, { method: req.method.toUpperCase(), path, headers: Object.fromEntries(req.headers), readOnly: planned.readOnly });
    } catch (error) {
      if (error instanceof Rollback) {
        if (error.outcome instanceof RestError) throw error.outcome;
        return error.outcome;
      }
      throw error;
    }
  }

  async function handle(req: Request, auth: RequestAuth, path: string): Promise<Response> {
    try {
      if (req.url.length > maxUrlLength) {
        throw new RestError(414, 'PGRST414', `请求地址过长（上限 ${maxUrlLength} 个字符）。`, {
          details: `The URL has ${req.url.length} characters`,
          hint: '请减少筛选条件，或改用 POST /rpc 传参。',
        });
      }
      ensureListening();
      const method = req.method.toUpperCase();
      const url = new URL(req.url);
      const route = parseRoute(path);
      if (route.kind === 'root') {
        if (method !== 'GET' && method !== 'HEAD') throw new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
        const c = await current();
        const schema = pickSchema(req.headers, method, schemas);
        const paths: Record<string, object> = {};
        for (const r of c.relations.values()) if (r.schema === schema && r.kind !== 'composite') paths[`/${r.name}`] = {};
        for (const list of c.functions.values()) for (const f of list) if (f.schema === schema) paths[`/rpc/${f.name}`] = {};
        return new Response(method === 'HEAD' ? null : JSON.stringify({ swagger: '2.0', info: { title: 'local-supabase REST', version: '12' }, basePath: '/', paths }), {
          status: 200,
          headers: { 'content-type': 'application/openapi+json; charset=utf-8' },
        });
      }
      const bodyText = method === 'POST' || method === 'PATCH' || method === 'PUT' ? await readBodyLimited(req, maxBodyBytes) : '';
      const prefs = parsePrefer(req.headers);
      let cacheNow = await current();
      // Reads are planned once per distinct request (path, query, and the headers planning reads),
      // like PostgREST's prepared statements; a schema reload starts a new cache.
      const key = method === 'GET' || method === 'HEAD' ? readKey(req, method, path, url) : undefined;
      let planned = key === undefined ? undefined : plans.get(cacheNow, key);
      if (!planned) {
        try {
          planned = await plan(req, route, url, method, bodyText, cacheNow);
        } catch (error) {
          if (!(error instanceof RestError) || !error.cacheMiss) throw error;
          cacheNow = await reload();
          planned = await plan(req, route, url, method, bodyText, cacheNow);
        }
        if (key !== undefined) plans.set(cacheNow, key, planned);
      }
      let outcome: Outcome;
      try {
        outcome = await execute(auth, req, path, planned, prefs);
      } catch (error) {
        // The database no longer matches the cache (a column or table renamed/dropped since the
        // last load): reload once and retry; the failed transaction left nothing behind.
        if (!isStaleCacheError(error)) throw error;
        cacheNow = await reload();
        planned = await plan(req, route, url, method, bodyText, cacheNow);
        outcome = await execute(auth, req, path, planned, prefs);
      }
      return planned.respond(outcome);
    } catch (error) {
      return errorResponse(toRestError(error, auth.role), auth.role);
    }
  }

  return {
    handle,
    async reloadSchema() {
      await reload();
    },
    async close() {
      closed = true;
      const stop = await unlisten;
      unlisten = undefined;
      if (stop) await stop();
    },
  };
}

export type { MediaType };
