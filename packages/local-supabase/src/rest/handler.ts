/**
 * The HTTP layer: route → parse → plan → execute (one transaction as the caller) → respond,
 * with PostgREST's statuses, headers and error bodies.
 */
import { isStalePreparedStatement, type Database, type Queryable } from '../db/types.ts';
import { runAs, runOneAs, type RequestAuth, type RequestSettings } from '../request-context.ts';
import type { MediaType, PlanSpec, Preferences, ReadQuery, RangeSpec } from './ast.ts';
import { emptyLevel } from './ast.ts';
import { checkJsonContentType, invalidBody, isPlainObject, parseJsonBody, readBodyLimited, type NodeBody } from './body.ts';
import { DEFAULT_MESSAGES, formatMessage, type Messages } from '../messages.ts';
import { RestError, parseError, pgrstError, singleObjectError, toRestError } from './errors.ts';
import { mediaMime, negotiateAccept, parsePrefer, parseRangeHeader, pickSchema, planMime, preferenceApplied, type PreferenceScope } from './parse/headers.ts';
import { parseQuery } from './parse/query.ts';
import { PlanContext } from './plan/context.ts';
import { planDelete, planInsert, planRpc, planTableRead, planUpdate, rpcShape, type CountMode, type Paging, type ReturnMode, type RpcResultShape, type Statement } from './plan/statements.ts';
import { loadSchemaCache, quoteIdent, relationKey, type FunctionInfo, type Relation, type SchemaCache } from './schema-cache.ts';

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
  /** db-extra-search-path: schemas after the request's own in every request's search_path (default public, extensions). */
  extraSearchPath?: string[];
  /** db-max-rows: at most this many rows from a read or a function; also the count=estimated threshold (default none). */
  maxRows?: number;
  /** db-plan-enabled: answer `Accept: application/vnd.pgrst.plan…` with EXPLAIN (default false). */
  planEnabled?: boolean;
  /** db-tx-end (default `commit`): `*-allow-override` lets `Prefer: tx=` decide; `rollback*` rolls back by default. */
  txEnd?: TxEnd;
  /**
   * Reloads caused by a lookup miss (an unknown table or function) start at most once per this
   * many milliseconds, and concurrent ones share one load (default 1000). NOTIFY reloads at once.
   */
  minMissReloadIntervalMs?: number;
  /** Texts for people in 413/414/503 errors (defaults: English). */
  messages?: Messages;
  /**
   * Aggregate functions in `select` (PostgREST's `db-aggregates-enabled`). Default true, as on
   * Supabase; `alter role authenticator set pgrst.db_aggregates_enabled = 'false'` and
   * `notify pgrst, 'reload config'` turn them off in the database, as with PostgREST.
   */
  aggregates?: boolean;
}

export type TxEnd = 'commit' | 'commit-allow-override' | 'rollback' | 'rollback-allow-override';

/** PostgREST's own environment variables for the settings config.toml has no key for. */
export function restSettingsFromEnv(env: NodeJS.ProcessEnv): Pick<RestHandlerOptions, 'planEnabled' | 'txEnd'> {
  const out: Pick<RestHandlerOptions, 'planEnabled' | 'txEnd'> = {};
  const plan = env.PGRST_DB_PLAN_ENABLED;
  if (plan !== undefined && plan !== '') out.planEnabled = /^(1|true|yes|on)$/i.test(plan);
  const tx = env.PGRST_DB_TX_END;
  if (tx !== undefined && tx !== '') {
    if (tx !== 'commit' && tx !== 'commit-allow-override' && tx !== 'rollback' && tx !== 'rollback-allow-override') {
      throw new Error(`PGRST_DB_TX_END must be commit, commit-allow-override, rollback or rollback-allow-override, not "${tx}"`);
    }
    out.txEnd = tx;
  }
  return out;
}

export interface RestHandler {
  /** `path` is what follows /rest/v1, e.g. "/institutions" or "/rpc/nearby_institutions". */
  handle(req: Request, auth: RequestAuth, path: string): Promise<Response>;
  /**
   * The same as a plain answer. `signal` (else the request's) cancels the statement when the
   * client goes away: the gateway passes one tied to the socket, so the Request object is never
   * materialised for it; `body` (else the request's stream) is the node:http request to read the
   * body from.
   */
  reply(req: Request, auth: RequestAuth, path: string, signal?: AbortSignal, body?: NodeBody, url?: URL): Promise<RestReply>;
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
  /** Upserts that may merge: how many rows were inserted (not merged). */
  inserted?: number;
}

interface Planned {
  statement: Statement;
  readOnly: boolean;
  /** Check the single-object rule after running (rows ≠ 1 → 406, rolled back). */
  single: boolean;
  /** `Prefer: handling=strict, max-affected=N` applies (PATCH, DELETE, RPC). */
  maxAffected: boolean;
  /** `count=planned|estimated` on a read: the planner's estimate decides (see execute). */
  count?: CountMode;
  /** EXPLAIN the statement instead of running it for rows. */
  plan?: PlanSpec;
  respond(outcome: Outcome): RestReply;
  /**
   * An RPC called by POST with a JSON object: the same plan for another object with the same keys
   * (only the bound arguments differ) — what lets RPC plans be cached like reads.
   */
  withArgs?(args: Record<string, unknown>): Planned;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A REST answer before it is a WHATWG Response: the gateway writes it straight to node:http (no
 * Response object, no body stream); `handle` wraps it in a Response for everyone else.
 */
export interface RestReply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

function reply(body: string | null, init: { status: number; headers: Record<string, string> }): RestReply {
  return { status: init.status, headers: init.headers, body };
}

export function replyToResponse(r: RestReply): Response {
  return new Response(r.body, { status: r.status, headers: r.headers });
}

/** PostgREST's Content-Range: `lower-upper/total`, `*` for an empty range or an unknown total. */
function contentRangeH(lower: number, upper: number, total: number | undefined): string {
  const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*';
  return `${range}/${total === undefined ? '*' : total}`;
}

function contentRange(lower: number, pageTotal: number, total: number | undefined): string {
  return contentRangeH(lower, lower + pageTotal - 1, total);
}

/** 200, 206 when the page is part of a known total, 416 when the offset is past it (PostgREST's rangeStatus). */
function rangeStatus(lower: number, pageTotal: number, total: number | undefined): number {
  if (total === undefined) return 200;
  if (lower > total) return 416;
  return pageTotal < total ? 206 : 200;
}

function outOfRange(lower: number, total: number): RestError {
  return pgrstError('PGRST103', { details: `An offset of ${lower} was requested, but there are only ${total} rows.`, headers: { 'content-range': `*/${total}` } });
}

/** `EXPLAIN (FORMAT JSON) <count query>` with every bound parameter referenced (so each has a type). */
function explainCountSql(countSql: string, params: unknown[]): string {
  const used = new Set([...countSql.matchAll(/\$(\d+)\b/g)].map((m) => Number(m[1])));
  const unused = params.map((_, i) => i + 1).filter((n) => !used.has(n));
  const sql = unused.length ? `SELECT 1 FROM (${countSql}) _pgrst_c CROSS JOIN (SELECT ${unused.map((n) => `$${n}::text`).join(', ')}) _pgrst_p` : countSql;
  return `EXPLAIN (FORMAT JSON) ${sql}`;
}

function planRows(value: unknown): number | undefined {
  const plan = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  const rows = (plan as { Plan?: { 'Plan Rows'?: unknown } }[] | undefined)?.[0]?.Plan?.['Plan Rows'];
  return typeof rows === 'number' ? Math.round(rows) : undefined;
}

function outcomeOf(row: { total: string | null; page_total: string | null; body: string | null; inserted?: string | null } | undefined): Outcome {
  return {
    total: row?.total === null || row?.total === undefined ? undefined : Number(row.total),
    pageTotal: Number(row?.page_total ?? 0),
    body: row?.body ?? null,
    ...(row?.inserted !== null && row?.inserted !== undefined ? { inserted: Number(row.inserted) } : {}),
  };
}

function errorResponse(error: RestError, role: string): RestReply {
  const headers: Record<string, string> = { 'content-type': JSON_TYPE, ...error.headers };
  if (error.status === 401 && role === 'anon') headers['www-authenticate'] = 'Bearer';
  return reply(JSON.stringify(error.body), { status: error.status, headers });
}

/** PostgREST 12 lets Postgres answer for a relation it does not know: 42P01, 404. */
function notFoundRelation(schema: string, name: string): RestError {
  return new RestError(404, '42P01', `relation "${schema}.${name}" does not exist`, { cacheMiss: true });
}

function pagingFor(query: ReadQuery, range: RangeSpec | undefined, maxRows?: number): Paging {
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
  // db-max-rows caps the page (PostgREST's restrictRange).
  if (maxRows !== undefined && (paging.limit === undefined || paging.limit > maxRows)) paging.limit = maxRows;
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

/**
 * An RPC POST's plan depends on the request as a read's does, on Content-Profile, and on the body's
 * keys (which arguments are given, which function is chosen) — never on its values, which are bound.
 */
function rpcKey(req: Request, path: string, url: URL, args: Record<string, unknown>): string {
  return `${readKey(req, 'POST', path, url)}\n${req.headers.get('content-profile') ?? ''}\n${JSON.stringify(Object.keys(args).sort())}`;
}

/**
 * The JSON object an RPC POST carries, or undefined when it carries anything else or would be
 * refused (then `plan` runs and reports the error in its own order).
 */
function rpcObjectBody(req: Request, bodyText: string): Record<string, unknown> | undefined {
  try {
    checkJsonContentType(req);
    const body = parseJsonBody(bodyText, {});
    return isPlainObject(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

/** A bounded map of planned reads and RPC calls, emptied whenever the schema cache is replaced. */
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
  const extraSearchPath = options.extraSearchPath ?? ['public', 'extensions'];
  const maxRows = options.maxRows;
  const txEnd = options.txEnd ?? 'commit';
  const allowTxOverride = txEnd.endsWith('-allow-override');
  const rollbackByDefault = txEnd.startsWith('rollback');
  // With more than one exposed schema PostgREST names the schema of every response (Content-Profile).
  // Time zone names Postgres knows, read once, only when a request asks for `Prefer: timezone=`.
  let timezones: Promise<Set<string>> | undefined;
  const timezonesFor = async (headers: Headers): Promise<Set<string> | undefined> => {
    if (!/timezone\s*=/i.test(headers.get('prefer') ?? '')) return undefined;
    timezones ??= db.query<{ name: string }>('select name from pg_timezone_names').then((r) => new Set(r.rows.map((row) => row.name)));
    timezones.catch(() => (timezones = undefined));
    return timezones;
  };
  const searchPaths = new Map<string, string>();
  const searchPathOf = (schema: string): string => {
    let sp = searchPaths.get(schema);
    if (sp === undefined) searchPaths.set(schema, (sp = [schema, ...extraSearchPath].map(quoteIdent).join(', ')));
    return sp;
  };
  const profileHeader = (schema: string): Record<string, string> => (schemas.length > 1 ? { 'content-profile': schema } : {});
  const messages = options.messages ?? DEFAULT_MESSAGES;
  let cache: Promise<SchemaCache> | undefined;
  let unlisten: Promise<(() => Promise<void>) | undefined> | undefined;
  let closed = false;
  const plans = new PlanCache(1_000);

  const minMissReload = options.minMissReloadIntervalMs ?? 1000;
  let loading: Promise<SchemaCache> | undefined;
  let lastLoadStarted = Number.NEGATIVE_INFINITY;
  const reload = (): Promise<SchemaCache> => {
    const next = loadSchemaCache(db, schemas, options.aggregates === undefined ? {} : { aggregatesEnabled: options.aggregates });
    cache = next;
    loading = next;
    lastLoadStarted = performance.now();
    next.then(
      () => {
        if (loading === next) loading = undefined;
      },
      () => {
        if (loading === next) loading = undefined;
        if (cache === next) cache = undefined;
      },
    );
    return next;
  };
  // A request for a table that does not exist must not reload the whole cache each time (anyone can
  // send them): misses share a load in progress, or one load started once the minimum interval
  // since the last has passed — at most one load per interval, however many misses arrive.
  let missReload: Promise<SchemaCache> | undefined;
  const reloadOnMiss = (): Promise<SchemaCache> => {
    if (loading) return loading;
    if (missReload) return missReload;
    const wait = minMissReload - (performance.now() - lastLoadStarted);
    if (wait <= 0) return reload();
    missReload = new Promise((resolve) => setTimeout(resolve, wait)).then(() => {
      missReload = undefined;
      return loading ?? reload();
    });
    return missReload;
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
    const { media, plan: explain } = negotiateAccept(headers.get('accept'), { planEnabled: options.planEnabled === true });
    const prefs = parsePrefer(headers, { allowTxOverride, timezones: await timezonesFor(headers) });
    const ctx = new PlanContext(cacheNow, schema);
    const ret: ReturnMode = prefs.return ?? 'minimal';
    const applied = (scope: PreferenceScope, extra: Record<string, string> = {}, opts: { resolutionApplies?: boolean } = {}): Record<string, string> => {
      const value = preferenceApplied(prefs, scope, opts);
      return value ? { ...extra, 'preference-applied': value } : extra;
    };
    const typeHeaders = (m: MediaType = media): Record<string, string> => ({ 'content-type': `${mediaMime(m)}; charset=utf-8`, ...profileHeader(schema) });
    const planResponse = (o: Outcome): RestReply =>
      reply(o.body ?? '', { status: 200, headers: { 'content-type': `${planMime(explain!)}; charset=utf-8`, ...profileHeader(schema) } });
    // Reads: exact = count(*); estimated = count(*) up to db-max-rows, the planner beyond; planned = the planner.
    const readCount = (): CountMode | undefined => {
      if (!prefs.count) return undefined;
      if (prefs.count === 'exact') return { kind: 'exact' };
      if (prefs.count === 'planned') return { kind: 'planned' };
      return maxRows === undefined ? { kind: 'exact' } : { kind: 'estimated', limit: maxRows + 1 };
    };

    if (route.kind === 'rpc') {
      const candidates = cacheNow.functions.get(relationKey(schema, route.name)) ?? [];
      const isGet = method === 'GET' || method === 'HEAD';
      if (!isGet && method !== 'POST') throw pgrstError('PGRST101', { message: `Cannot use the ${method} method on RPC` });
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
      const range = parseRangeHeader(headers);
      const paging = pagingFor(parsed.read, range, maxRows);
      const shape: RpcResultShape = rpcShape(fn);
      // Functions count exactly for count=exact|estimated; count=planned reports no total (as PostgREST).
      const count: CountMode | undefined = prefs.count === 'exact' || prefs.count === 'estimated' ? { kind: 'exact' } : undefined;
      const statement = planRpc(ctx, { fn, args, ...(single ? { singleJsonBody: body ?? {} } : {}), query: parsed.read, media, paging, count });
      if (prefs.handling === 'strict' && prefs.maxAffected !== undefined && !fn.returnsSet) throw pgrstError('PGRST128');
      const planned: Planned = {
        statement,
        // GET/HEAD run read-only whatever the volatility (a volatile function that writes fails with 25006 → 405).
        readOnly: isGet || fn.volatility !== 'volatile',
        single: media === 'object' && (shape === 'rows' || shape === 'scalar-set'),
        maxAffected: true,
        ...(explain ? { plan: explain } : {}),
        respond: (o) => {
          if (explain) return planResponse(o);
          const lower = paging.offset ?? 0;
          const h = applied('rpc', { 'content-range': contentRange(lower, o.pageTotal, o.total) });
          if (shape === 'void') return reply(null, { status: 204, headers: h });
          const status = rangeStatus(lower, o.pageTotal, o.total);
          if (status === 416) throw outOfRange(lower, o.total!);
          return reply(method === 'HEAD' ? null : (o.body ?? 'null'), { status, headers: { ...h, ...typeHeaders((shape === 'scalar' || shape === 'scalar-set') && (media === 'csv' || media === 'geojson') ? 'json' : media) } });
        },
      };
      // POST with an object: the arguments (the object itself, as JSON) are the only parameter that
      // depends on the body; everything else is the same for any object with these keys.
      if (method === 'POST' && isPlainObject(body)) {
        const at = statement.argsParam;
        planned.withArgs = (next) => {
          if (at === undefined) return planned;
          const params = [...statement.params];
          params[at] = JSON.stringify(next);
          return { ...planned, statement: { ...statement, params } };
        };
      }
      return planned;
    }

    if (route.kind !== 'relation') throw pgrstError('PGRST125');
    const relation: Relation | undefined = cacheNow.relations.get(relationKey(schema, route.name));
    if (!relation || relation.kind === 'composite') throw notFoundRelation(schema, route.name);
    const parsed = parseQuery(url.searchParams);

    if (method === 'GET' || method === 'HEAD') {
      const range = parseRangeHeader(headers);
      const paging = pagingFor(parsed.read, range, maxRows);
      const count = readCount();
      const statement = planTableRead(ctx, relation, parsed.read, media, paging, count);
      return {
        statement,
        readOnly: true,
        single: false,
        maxAffected: false,
        ...(count && count.kind !== 'exact' ? { count } : {}),
        ...(explain ? { plan: explain } : {}),
        respond: (o) => {
          if (explain) return planResponse(o);
          const lower = paging.offset ?? 0;
          if (media === 'object' && o.pageTotal !== 1) throw singleObjectError(o.pageTotal);
          const status = rangeStatus(lower, o.pageTotal, o.total);
          if (status === 416) throw outOfRange(lower, o.total!);
          const h = applied('read', { 'content-range': contentRange(lower, o.pageTotal, o.total), ...typeHeaders() });
          return reply(method === 'HEAD' ? null : (o.body ?? '[]'), { status, headers: h });
        },
      };
    }

    const exactCount = prefs.count === 'exact' || prefs.count === 'estimated';
    const representation = (status: number, o: Outcome, h: Record<string, string>): RestReply =>
      ret === 'representation' ? reply(o.body ?? '[]', { status, headers: { ...h, ...typeHeaders() } }) : reply(null, { status, headers: h });

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
        if (top.limit !== undefined || top.offset !== undefined) throw pgrstError('PGRST114');
        const pk = relation.primaryKey;
        const eqs = new Map(top.filters.filter((f) => f.operator === 'eq' && !f.negate && f.path.json.length === 0).map((f) => [f.path.column, f.value.kind === 'scalar' ? f.value.value : '']));
        if (pk.length === 0 || top.filters.length !== pk.length || !pk.every((c) => eqs.has(c)) || top.logic.length > 0) throw pgrstError('PGRST105');
        if (rows.length !== 1) throw invalidBody('PUT takes a single JSON object');
        for (const c of pk) {
          if (String(rows[0]![c]) !== eqs.get(c)) throw pgrstError('PGRST115');
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
      const base = { statement, readOnly: false, single: media === 'object', maxAffected: false, ...(explain ? { plan: explain } : {}) };
      if (method === 'PUT') {
        // PostgREST's single upsert: 201 when the row was inserted, 200 when merged; 204 without a body.
        return {
          ...base,
          respond: (o) => {
            if (explain) return planResponse(o);
            const h = applied('upsert');
            return ret === 'representation' ? representation((o.inserted ?? 0) > 0 ? 201 : 200, o, h) : reply(null, { status: 204, headers: h });
          },
        };
      }
      return {
        ...base,
        respond: (o) => {
          if (explain) return planResponse(o);
          const h = applied('create', { 'content-range': contentRangeH(1, 0, exactCount ? o.pageTotal : undefined) }, { resolutionApplies: relation.primaryKey.length > 0 || parsed.onConflict !== undefined });
          if (ret === 'headers-only' && o.body) {
            const keys = JSON.parse(o.body) as Record<string, unknown>[];
            const first = keys.length === 1 ? keys[0] : undefined;
            if (first) {
              h.location = `/${encodeURIComponent(relation.name)}?${Object.entries(first)
                .map(([k, v]) => `${encodeURIComponent(k)}=eq.${encodeURIComponent(String(v))}`)
                .join('&')}`;
            }
          }
          // 201, or 200 when merge-duplicates inserted nothing (every row merged).
          const status = resolution === 'merge-duplicates' && (o.inserted ?? 1) <= 0 ? 200 : 201;
          return representation(status, o, h);
        },
      };
    }
    if (method === 'PATCH') {
      checkJsonContentType(req);
      const body = parseJsonBody(bodyText);
      if (!isPlainObject(body)) throw invalidBody('PATCH takes a single JSON object');
      const statement = planUpdate(ctx, relation, { values: body, ret, media, query: parsed.read });
      return {
        statement,
        readOnly: false,
        single: media === 'object',
        maxAffected: true,
        ...(explain ? { plan: explain } : {}),
        respond: (o) => {
          if (explain) return planResponse(o);
          const h = applied('update', { 'content-range': contentRangeH(0, o.pageTotal - 1, exactCount ? o.pageTotal : undefined) });
          return representation(ret === 'representation' ? 200 : 204, o, h);
        },
      };
    }
    if (method === 'DELETE') {
      const statement = planDelete(ctx, relation, { ret, media, query: parsed.read });
      return {
        statement,
        readOnly: false,
        single: media === 'object',
        maxAffected: true,
        ...(explain ? { plan: explain } : {}),
        respond: (o) => {
          if (explain) return planResponse(o);
          const h = applied('delete', { 'content-range': contentRangeH(1, 0, exactCount ? o.pageTotal : undefined) });
          return representation(ret === 'representation' ? 200 : 204, o, h);
        },
      };
    }
    throw pgrstError('PGRST117', { message: `Unsupported HTTP method: ${method}` });
  }

  async function execute(auth: RequestAuth, req: Request, path: string, planned: Planned, prefs: Preferences, schema: string, signal: AbortSignal | undefined): Promise<Outcome> {
    const { sql, params } = planned.statement;
    const run = async (q: Queryable): Promise<Outcome> => {
      if (planned.plan) {
        // EXPLAIN (FORMAT …, options) of the very statement the request would run.
        const opts = [`FORMAT ${planned.plan.format.toUpperCase()}`, ...planned.plan.options.map((o) => o.toUpperCase())].join(', ');
        const result = await q.query<Record<string, unknown>>(`EXPLAIN (${opts}) ${sql}`, params);
        const lines = result.rows.map((r) => {
          const v = Object.values(r)[0];
          return typeof v === 'string' ? v : JSON.stringify(v);
        });
        return { total: undefined, pageTotal: 0, body: lines.map((l) => `${l}\n`).join('') };
      }
      // When nothing after the statement can roll the transaction back (no single-object or
      // max-affected check, no estimated count, no tx=rollback), COMMIT goes with it (one round trip).
      const rollback = prefs.tx === 'rollback' || (rollbackByDefault && prefs.tx !== 'commit');
      const strict = planned.maxAffected && prefs.handling === 'strict' && prefs.maxAffected !== undefined;
      const last = !planned.single && !planned.count && !strict && !rollback ? q.queryThenCommit?.bind(q) : undefined;
      type Row = { total: string | null; page_total: string | null; body: string | null; inserted?: string | null };
      const result = last ? await last<Row>(sql, params) : await q.query<Row>(sql, params);
      const outcome = outcomeOf(result.rows[0]);
      // count=planned: the planner's estimate; count=estimated: the exact count up to db-max-rows,
      // beyond it the larger of that and the planner's estimate (PostgREST's resultSetWTotal).
      const count = planned.count;
      if (count && planned.statement.countSql && (count.kind === 'planned' || (count.kind === 'estimated' && (outcome.total ?? 0) > count.limit - 1))) {
        const explained = await q.query<Record<string, unknown>>(explainCountSql(planned.statement.countSql, params), params);
        const rows = planRows(Object.values(explained.rows[0] ?? {})[0]);
        if (rows !== undefined) outcome.total = count.kind === 'planned' ? rows : Math.max(outcome.total ?? 0, rows);
      }
      if (planned.single && outcome.pageTotal !== 1) throw new Rollback(singleObjectError(outcome.pageTotal));
      if (planned.maxAffected && prefs.handling === 'strict' && prefs.maxAffected !== undefined && outcome.pageTotal > prefs.maxAffected) {
        throw new Rollback(pgrstError('PGRST124', { details: `The query affects ${outcome.pageTotal} rows` }));
      }
      // db-tx-end: Prefer: tx= counts only when overriding is allowed (parsePrefer drops it otherwise).
      if (prefs.tx === 'rollback' || (rollbackByDefault && prefs.tx !== 'commit')) throw new Rollback(outcome);
      return outcome;
    };
    // Headers iterate with lower-cased names, as PostgREST exposes them.
    const headers = req.headers as Headers & { toObject?: () => Record<string, string> };
    const settings: RequestSettings = {
      method: req.method.toUpperCase(),
      path,
      headers: headers.toObject ? headers.toObject() : Object.fromEntries(headers),
      readOnly: planned.readOnly,
      searchPath: searchPathOf(schema),
      ...(prefs.timezone ? { timezone: prefs.timezone } : {}),
      // The client going away cancels the statement (runAs also applies the role's statement_timeout).
      signal: signal ?? req.signal,
    };
    // The common case — nothing after the statement can roll it back (no EXPLAIN, single-object or
    // max-affected check, planned/estimated count, tx=rollback) — is one statement committed with
    // it: the same as `run` with queryThenCommit, without a callback transaction.
    const rollback = prefs.tx === 'rollback' || (rollbackByDefault && prefs.tx !== 'commit');
    const strict = planned.maxAffected && prefs.handling === 'strict' && prefs.maxAffected !== undefined;
    if (!planned.plan && !planned.single && !planned.count && !strict && !rollback) {
      type Row = { total: string | null; page_total: string | null; body: string | null; inserted?: string | null };
      const result = await runOneAs<Row>(db, auth, sql, params, settings);
      return outcomeOf(result.rows[0]);
    }
    try {
      return await runAs(db, auth, run, settings);
    } catch (error) {
      if (error instanceof Rollback) {
        if (error.outcome instanceof RestError) throw error.outcome;
        return error.outcome;
      }
      throw error;
    }
  }

  async function handle(req: Request, auth: RequestAuth, path: string): Promise<Response> {
    return replyToResponse(await handleReply(req, auth, path));
  }

  async function handleReply(req: Request, auth: RequestAuth, path: string, signal?: AbortSignal, body?: NodeBody, parsedUrl?: URL): Promise<RestReply> {
    try {
      if (req.url.length > maxUrlLength) {
        throw new RestError(414, 'PGRST414', formatMessage(messages.uriTooLong, { limit: maxUrlLength }), {
          details: `The URL has ${req.url.length} characters`,
          hint: messages.uriTooLongHint,
        });
      }
      ensureListening();
      const method = req.method.toUpperCase();
      const url = parsedUrl ?? new URL(req.url);
      const route = parseRoute(path);
      if (route.kind === 'root') {
        if (method !== 'GET' && method !== 'HEAD') throw new RestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
        const c = await current();
        const schema = pickSchema(req.headers, method, schemas);
        const paths: Record<string, object> = {};
        for (const r of c.relations.values()) if (r.schema === schema && r.kind !== 'composite') paths[`/${r.name}`] = {};
        for (const list of c.functions.values()) for (const f of list) if (f.schema === schema) paths[`/rpc/${f.name}`] = {};
        return reply(method === 'HEAD' ? null : JSON.stringify({ swagger: '2.0', info: { title: 'local-supabase REST', version: '12' }, basePath: '/', paths }), {
          status: 200,
          headers: { 'content-type': 'application/openapi+json; charset=utf-8', ...profileHeader(schema) },
        });
      }
      const bodyText = method === 'POST' || method === 'PATCH' || method === 'PUT' ? await readBodyLimited(req, maxBodyBytes, messages, body) : '';
      const prefs = parsePrefer(req.headers, { allowTxOverride, timezones: await timezonesFor(req.headers) });
      const schema = pickSchema(req.headers, method, schemas);
      let cacheNow = await current();
      // Reads are planned once per distinct request (path, query, and the headers planning reads),
      // like PostgREST's prepared statements; a schema reload starts a new cache.
      // RPC calls by POST with a JSON object likewise, per distinct set of argument names.
      const rpcArgs = method === 'POST' && route.kind === 'rpc' ? rpcObjectBody(req, bodyText) : undefined;
      const key = method === 'GET' || method === 'HEAD' ? readKey(req, method, path, url) : rpcArgs ? rpcKey(req, path, url, rpcArgs) : undefined;
      const hit = key === undefined ? undefined : plans.get(cacheNow, key);
      let planned = hit && rpcArgs ? hit.withArgs?.(rpcArgs) : hit;
      if (!planned) {
        try {
          planned = await plan(req, route, url, method, bodyText, cacheNow);
        } catch (error) {
          if (!(error instanceof RestError) || !error.cacheMiss) throw error;
          cacheNow = await reloadOnMiss();
          planned = await plan(req, route, url, method, bodyText, cacheNow);
        }
        if (key !== undefined && (!rpcArgs || planned.withArgs)) plans.set(cacheNow, key, planned);
      }
      let outcome: Outcome;
      try {
        outcome = await execute(auth, req, path, planned, prefs, schema, signal);
      } catch (error) {
        // The database no longer matches the cache (a column or table renamed/dropped since the
        // last load): reload once and retry; the failed transaction left nothing behind.
        if (!isStaleCacheError(error)) throw error;
        cacheNow = await reload();
        planned = await plan(req, route, url, method, bodyText, cacheNow);
        outcome = await execute(auth, req, path, planned, prefs, schema, signal);
      }
      return planned.respond(outcome);
    } catch (error) {
      return errorResponse(toRestError(error, auth.role, messages), auth.role);
    }
  }

  return {
    handle,
    reply: handleReply,
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
