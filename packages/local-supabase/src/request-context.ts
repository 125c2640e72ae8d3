import type { CancelSignal, Database, Queryable, QueryResult } from './db/types.ts';
import { statementTimeoutsOf } from './statement-timeouts.ts';

/** Who a request acts as, from its verified JWT (or the anon/service key). */
export interface RequestAuth {
  /** Postgres role to switch to: anon, authenticated, service_role (validated against pg_roles). */
  role: string;
  /** The JWT claims, exposed to SQL as `request.jwt.claims` (auth.uid(), auth.jwt()). */
  claims: Record<string, unknown>;
}

/** What PostgREST exposes of the HTTP request to SQL, and whether the transaction may write. */
export interface RequestSettings {
  /** `request.method`, e.g. GET. */
  method?: string;
  /** `request.path`, e.g. /institutions. */
  path?: string;
  /** `request.headers`, lower-cased names (JSON object). */
  headers?: Record<string, string>;
  /** `begin read only`, as PostgREST does for GET/HEAD and stable or immutable functions. */
  readOnly?: boolean;
  /** `search_path`, e.g. `"public", "extensions"` (PostgREST: the request schema + db-extra-search-path). */
  searchPath?: string;
  /** `TimeZone` for this transaction (PostgREST's `Prefer: timezone=`). */
  timezone?: string;
  /** The request's signal: when the client goes away, the running statement is cancelled. */
  signal?: CancelSignal;
}

// One statement (one round trip) sets everything, transaction-locally.
const SETTINGS_SQL = `select set_config('role', $1, true),
        set_config('request.jwt.claims', $2, true),
        set_config('request.jwt.claim.sub', coalesce($3, ''), true),
        set_config('request.jwt.claim.role', $1, true),
        set_config('request.method', $4, true),
        set_config('request.path', $5, true),
        set_config('request.headers', $6, true),
        case when $7::boolean then set_config('transaction_read_only', 'on', true) end,
        case when $8::text is not null then set_config('search_path', $8, true) end,
        case when $9::text is not null then set_config('timezone', $9, true) end,
        case when $10::text is not null then set_config('statement_timeout', $10, true) end`;

/**
 * Run `fn` in one transaction acting as `auth`, exactly as PostgREST does: role, claims and request
 * settings are set transaction-locally, so nothing can leak into the next request on a pooled
 * connection.
 */
export async function runAs<T>(db: Database, auth: RequestAuth, fn: (q: Queryable) => Promise<T>, request: RequestSettings = {}): Promise<T> {
  // The impersonated role's statement_timeout, applied transaction-locally as PostgREST does
  // (null policy = the database was not set up by startLocalSupabase: leave the setting alone).
  const timeout = await timeoutOf(db, auth.role);
  const options = txOptions(timeout, request);
  return db.tx(async (q) => {
    const settings = q.query(SETTINGS_SQL, settingsParams(auth, request, timeout));
    if (!db.pipelined) {
      await settings;
      return fn(q);
    }
    // Pipelined: the settings travel with the request's first statement, which runs after them
    // (statements run in the order issued). A failed settings statement fails everything after it
    // in the transaction (25P02), so its own error is the one reported.
    settings.catch(() => {});
    let result: T;
    try {
      result = await fn(q);
    } catch (error) {
      await settings;
      throw error;
    }
    await settings;
    return result;
  }, options);
}

/**
 * `runAs` for a transaction of one statement committed with it (`queryThenCommit`): the same
 * settings, the same single round trip, through the adapter's `batch` when it has one (no
 * per-transaction machinery: the hot path of every read).
 */
export async function runOneAs<T>(db: Database, auth: RequestAuth, sql: string, params: unknown[], request: RequestSettings = {}): Promise<QueryResult<T>> {
  if (!db.batch) return runAs(db, auth, (q) => (q.queryThenCommit ? q.queryThenCommit<T>(sql, params) : q.query<T>(sql, params)), request);
  const pending = timeoutOf(db, auth.role);
  const timeout = pending instanceof Promise ? await pending : pending;
  const results = await db.batch(
    [
      // Its row (the values set) is not read: not even described.
      { sql: SETTINGS_SQL, params: settingsParams(auth, request, timeout), discardRows: true },
      { sql, params },
    ],
    txOptions(timeout, request),
  );
  return results[1] as QueryResult<T>;
}

/**
 * The role's statement timeout (null = none; undefined = no policy on this database), without
 * waiting when it is already known — a promise only when the role settings must be read first.
 */
function timeoutOf(db: Database, role: string): number | null | undefined | Promise<number | null> {
  const policy = statementTimeoutsOf(db);
  if (!policy) return undefined;
  const known = policy.forRoleNow(role);
  return known === undefined ? policy.forRole(role) : known;
}

function txOptions(timeout: number | null | undefined, request: RequestSettings) {
  return { ...(timeout ? { statementTimeoutMs: timeout } : {}), ...(request.signal ? { signal: request.signal } : {}) };
}

function settingsParams(auth: RequestAuth, request: RequestSettings, timeout: number | null | undefined): unknown[] {
  return [
    auth.role,
    JSON.stringify(auth.claims),
    typeof auth.claims.sub === 'string' ? auth.claims.sub : null,
    request.method ?? '',
    request.path ?? '',
    JSON.stringify(request.headers ?? {}),
    request.readOnly === true,
    request.searchPath ?? null,
    request.timezone ?? null,
    timeout === undefined ? null : `${timeout ?? 0}ms`,
  ];
}
