import pg from 'pg';
import type { Database, Queryable, QueryResult } from './types.ts';
import { sendBatch, BatchClient } from './pg-batch.ts';
import { DatabaseUnavailableError, QueryCanceledError, isStalePreparedStatement, type TxOptions } from './types.ts';

/** SQLSTATE classes and driver errors that mean "the server is not there", not "your query is wrong". */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (typeof e.code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03'].includes(e.code)) return true;
    if (e.code.startsWith('08')) return true;
  }
  return /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(
    e.message ?? '',
  );
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

function wrap(client: pg.PoolClient | pg.Pool, prepare?: (sql: string) => string | undefined): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const name = prepare?.(sql);
      const result = await (name ? client.query({ name, text: sql, values: params as unknown[] }) : client.query(sql, params as unknown[]));
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export interface PostgresOptions {
  connectionString: string;
  max?: number;
  /**
   * Statements run inside transactions become named prepared statements, as PostgREST does
   * (db-prepared-statements): parsed, rewritten with the row-level security policies and planned
   * once per connection instead of on every request. At most this many distinct statements per
   * connection (default 500); a connection past it is closed on release and replaced. 0 = off.
   */
  preparedStatements?: number;
  /** Server options for every connection (libpq `options`); default `-c jit=off`. */
  sessionOptions?: string;
}

const CONNECTION_TIMEOUT_MS = 5_000;

export async function openPostgres(options: PostgresOptions): Promise<Database & { pool: pg.Pool }> {
  const maxClients = options.max ?? 10;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    // Statements issued without awaiting the previous one are written at once and answered in
    // order (pg's pipeline mode): a request's BEGIN, settings and statement share one round trip.
    pipeline: true,
    // pg's client, able to send a transaction's statements under one Sync (pg-batch.ts).
    Client: BatchClient,
    max: maxClients,
    connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
    idleTimeoutMillis: 10_000,
    // API queries are short: JIT compilation costs more than it saves (measured by the bench on
    // the city overview under RLS). Production sets the same on the authenticator role.
    options: options.sessionOptions ?? '-c jit=off',
  });
  // An idle client losing its server must not crash the process; the next request gets a 503.
  pool.on('error', () => {});
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (isConnectionError(error)) throw new DatabaseUnavailableError('Postgres is not reachable', { cause: error });
      throw error;
    }
  };
  // Clients between transactions stay with the adapter while they are in use (a pg-pool
  // checkout and release cost two timers, two events and several closures each — per request):
  // a finished transaction's client goes to `spare` unless someone waits for the pool, and the
  // next transaction takes it from there. Every second, spares no transaction took since the
  // previous sweep go back to the pool (whose idle timeout then closes them, as before).
  const spare: pg.PoolClient[] = [];
  let untouched = 0; // spare[0 … untouched) have not been taken since the last sweep
  let sweeper: NodeJS.Timeout | undefined;
  let closing = false;
  const adopted = new WeakSet<pg.PoolClient>();
  // A spare's connection failing (the server went away) must not crash the process: drop it.
  function onClientError(this: pg.PoolClient) {
    const i = spare.indexOf(this);
    if (i === -1) return;
    spare.splice(i, 1);
    if (i < untouched) untouched--;
    this.release(true);
  }
  const sweep = () => {
    sweeper = undefined;
    for (const client of spare.splice(0, untouched)) client.release();
    untouched = spare.length;
    if (spare.length > 0) sweeper = setTimeout(sweep, 1000).unref();
  };
  const adopt = (client: pg.PoolClient): pg.PoolClient => {
    if (!adopted.has(client)) {
      adopted.add(client);
      client.on('error', onClientError);
    }
    return client;
  };
  const connect = () => guard(() => pool.connect()).then(adopt);
  // With every connection busy, a transaction waits here (first come, first served) for the next
  // client a transaction hands back, as it would in pg-pool's queue — up to connectionTimeoutMillis
  // (one timer for the oldest waiter instead of one per waiter), then with pg-pool's error.
  type Waiter = { resolve: (client: pg.PoolClient) => void; reject: (error: unknown) => void; since: number };
  const waiters: Waiter[] = [];
  let waitTimer: NodeJS.Timeout | undefined;
  const expireWaiters = () => {
    waitTimer = undefined;
    const now = performance.now();
    while (waiters.length > 0 && now - waiters[0]!.since >= CONNECTION_TIMEOUT_MS) {
      waiters.shift()!.reject(new Error('timeout exceeded when trying to connect'));
    }
    if (waiters.length > 0) waitTimer = setTimeout(expireWaiters, waiters[0]!.since + CONNECTION_TIMEOUT_MS - now).unref();
  };
  const checkout = (): Promise<pg.PoolClient> => {
    const kept = spare.pop();
    if (kept) {
      if (spare.length < untouched) untouched = spare.length;
      return Promise.resolve(kept);
    }
    if (closing || pool.totalCount < maxClients || pool.idleCount > 0) return connect();
    return new Promise((resolve, reject) => {
      waiters.push({ resolve, reject, since: performance.now() });
      waitTimer ??= setTimeout(expireWaiters, CONNECTION_TIMEOUT_MS).unref();
    });
  };
  const checkin = (client: pg.PoolClient, destroy: boolean) => {
    if (destroy || closing) {
      client.release(destroy ? true : undefined);
      // A place in the pool came free: the next waiter gets a new connection.
      const next = waiters.shift();
      if (next) connect().then(next.resolve, next.reject);
      return;
    }
    // Someone waits in pg-pool's own queue (a checkout that found its idle clients already taken):
    // it goes first, or it would wait for a release that never comes.
    if (pool.waitingCount > 0) {
      client.release();
      return;
    }
    const next = waiters.shift();
    if (next) {
      next.resolve(client);
      return;
    }
    spare.push(client);
    sweeper ??= setTimeout(sweep, 1000).unref();
  };
  // pg-pool's pool.query: a client for one statement (or script), destroyed when it fails.
  const once = async <R>(run: (client: pg.PoolClient) => Promise<R>): Promise<R> => {
    const client = await checkout();
    let failed = true;
    try {
      const result = await run(client);
      failed = false;
      return result;
    } finally {
      checkin(client, failed);
    }
  };
  const base: Queryable = {
    query: <T>(sql: string, params: unknown[] = []) =>
      once(async (client): Promise<QueryResult<T>> => {
        const result = await client.query(sql, params as unknown[]);
        return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
      }),
    exec: (sql: string) =>
      once(async (client) => {
        await client.query(sql);
      }),
  };
  // sql → statement name, shared by every connection (each prepares a name on first use).
  const perConnection = options.preparedStatements ?? 500;
  const names = new Map<string, string>();
  const prepared = new WeakMap<pg.PoolClient, Set<string>>();
  const retired = new WeakSet<pg.PoolClient>();
  const nameFor = (client: pg.PoolClient) => (sql: string): string | undefined => {
    if (perConnection <= 0) return undefined;
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= perConnection * 20) return undefined; // a flood of one-off statements: stop naming
      name = `ls_${names.size + 1}`;
      names.set(sql, name);
    }
    let used = prepared.get(client);
    if (!used) prepared.set(client, (used = new Set()));
    used.add(name);
    return name;
  };
  // The end of a transaction: a client whose connection broke is destroyed, never handed to the next
  // request; so is one retired (stale statements, a cancel sent to it) or holding too many prepared
  // statements (they live as long as the connection).
  const handBack = (client: pg.PoolClient, broken: boolean) => {
    const retire = retired.has(client) || (prepared.get(client)?.size ?? 0) > perConnection;
    if (retire) prepared.delete(client);
    checkin(client, broken || retire);
  };
  return {
    kind: 'postgres',
    location: redact(options.connectionString),
    pipelined: true,
    pool,
    query: (sql, params) => guard(() => base.query(sql, params)),
    exec: (sql) => guard(() => base.exec(sql)),
    async tx(fn, txOptions: TxOptions = {}) {
      const client = await checkout();
      let broken = false;
      const watch = watchStatements(client, txOptions, options.connectionString);
      const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
      const corked = <R>(send: () => R): R => {
        stream?.cork?.();
        try {
          return send();
        } finally {
          stream?.uncork?.();
        }
      };
      const nameOf = nameFor(client);
      const inner = wrap(client, nameOf);
      // Nothing is sent until the transaction's shape is known. Statements issued in the first turn
      // of the event loop (runAs: the settings, then the request's statement) wait in `pending`:
      // - if the last of them is issued with queryThenCommit, all of them go out under one Sync —
      //   one implicit transaction, no BEGIN and no COMMIT (pg-batch.ts);
      // - otherwise, at the end of that turn (or at the first `exec`), BEGIN and the pending
      //   statements leave in one write, pipelined, and the transaction is an explicit one.
      type Pending = { sql: string; params: unknown[]; resolve: (r: QueryResult<never>) => void; reject: (e: unknown) => void };
      let pending: Pending[] = [];
      let state = 'idle' as 'idle' | 'explicit' | 'done';
      let begun: Promise<unknown> = Promise.resolve();
      // queryThenCommit: the last statement and the end of the transaction leave together.
      let committed: Promise<unknown> | undefined;
      const explicit = () => {
        if (state !== 'idle') return;
        state = 'explicit';
        const queued = pending;
        pending = [];
        corked(() => {
          begun = guard(() => client.query('begin'));
          begun.catch(() => {});
          for (const p of queued) inner.query<never>(p.sql, p.params).then(p.resolve, p.reject);
        });
      };
      const flushing = setImmediate(explicit);
      // At the end of fn: statements still waiting go out in an explicit transaction; none, nothing is sent.
      const settleIdle = () => {
        if (state !== 'idle') return;
        if (pending.length > 0) explicit();
        else state = 'done';
      };
      const open = () => {
        if (committed) throw new Error('The transaction was committed with its last statement');
      };
      const q: Queryable = {
        query: <T>(sql: string, params: unknown[] = []) => {
          open();
          if (state !== 'idle') return inner.query<T>(sql, params);
          return new Promise<QueryResult<T>>((resolve, reject) => {
            pending.push({ sql, params, resolve: resolve as Pending['resolve'], reject });
          });
        },
        exec: (sql) => (open(), explicit(), inner.exec(sql)),
        queryThenCommit: <T>(sql: string, params: unknown[] = []) => {
          open();
          if (state === 'idle') {
            // One implicit transaction: the pending statements and this one, then Sync.
            state = 'done';
            clearImmediate(flushing);
            const statements = [...pending.map((p) => ({ sql: p.sql, params: p.params })), { sql, params }];
            const queued = pending;
            pending = [];
            const results = sendBatch(
              client,
              statements.map((s) => ({ text: s.sql, values: s.params, name: nameOf(s.sql) })),
            );
            queued.forEach((p, i) => results[i]!.then(p.resolve, p.reject));
            const last = results.at(-1)!;
            committed = last;
            committed.catch(() => {});
            return guard(() => last) as Promise<QueryResult<T>>;
          }
          const result = corked(() => {
            const r = inner.query<T>(sql, params);
            committed = guard(() => client.query('commit'));
            return r;
          });
          committed!.catch(() => {});
          return result;
        },
      };
      try {
        let result: Awaited<ReturnType<typeof fn>>;
        try {
          result = await fn(watch.wrap(q));
        } catch (error) {
          settleIdle();
          await begun; // a failed BEGIN explains every failure after it
          if (committed) await committed.catch(() => {});
          throw error;
        }
        settleIdle();
        await begun;
        if (state === 'explicit') await (committed ?? guard(() => client.query('commit')));
        return result;
      } catch (error) {
        broken = isConnectionError(error) || error instanceof DatabaseUnavailableError;
        // Its prepared statements are stale after a schema change: start afresh on a new connection.
        if (isStalePreparedStatement(error)) retired.add(client);
        if (!broken && !committed && state === 'explicit') await client.query('rollback').catch(() => {});
        if (isConnectionError(error)) throw new DatabaseUnavailableError('Postgres is not reachable', { cause: error });
        throw error;
      } finally {
        // A connection a cancel was sent to is not reused: the cancel may land after its statement ended.
        if (await watch.stop()) retired.add(client);
        handBack(client, broken);
      }
    },
    async batch(statements, txOptions: TxOptions = {}) {
      if (txOptions.signal?.aborted) throw new QueryCanceledError('aborted');
      const client = await checkout();
      // The client going away, or the batch outliving its timeout by a second, cancels it.
      const watch = watchStatements(client, txOptions, options.connectionString);
      let broken = false;
      try {
        return await watch.run(async () => {
          const nameOf = nameFor(client);
          const sent = sendBatch(
            client,
            statements.map((s) => ({ text: s.sql, values: s.params, name: nameOf(s.sql), discardRows: s.discardRows === true })),
          );
          const results: QueryResult<never>[] = [];
          // Every promise settles (BatchQuery settles all of them); the first rejection is the cause.
          let failure: { error: unknown } | undefined;
          for (const p of sent) {
            try {
              results.push(await p);
            } catch (error) {
              failure ??= { error };
            }
          }
          if (failure) throw failure.error;
          return results;
        });
      } catch (error) {
        broken = isConnectionError(error) || error instanceof DatabaseUnavailableError;
        if (isStalePreparedStatement(error)) retired.add(client);
        if (isConnectionError(error)) throw new DatabaseUnavailableError('Postgres is not reachable', { cause: error });
        throw error;
      } finally {
        if (await watch.stop()) retired.add(client);
        handBack(client, broken);
      }
    },
    async listen(channel, onNotify) {
      const client = await checkout();
      const handler = (msg: pg.Notification) => {
        if (msg.channel === channel) onNotify(msg.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`listen "${channel.replaceAll('"', '""')}"`);
      return async () => {
        client.off('notification', handler);
        await client.query(`unlisten "${channel.replaceAll('"', '""')}"`).catch(() => {});
        checkin(client, false);
      };
    },
    async close() {
      closing = true;
      if (sweeper) clearTimeout(sweeper);
      if (waitTimer) clearTimeout(waitTimer);
      for (const w of waiters.splice(0)) w.reject(new Error('Cannot use a pool after calling end on the pool'));
      for (const client of spare.splice(0)) client.release();
      await pool.end();
    },
  };
}

/**
 * Cancel a transaction's running statement when its signal aborts (the client went away), and as a
 * backstop when it outlives its timeout by a second (Postgres' own statement_timeout, set by runAs,
 * normally fires first). Cancelling = `pg_cancel_backend(pid)` from another connection, as psql's
 * Ctrl-C does; the statement fails with 57014 and the transaction rolls back.
 */
function watchStatements(client: pg.PoolClient, options: TxOptions, connectionString: string) {
  const pid = (client as unknown as { processID?: number }).processID;
  // Statements in flight (several when pipelined).
  let running = 0;
  let cancels: Promise<void>[] = [];
  const cancel = () => {
    if (running === 0 || !pid) return;
    cancels.push(cancelBackend(connectionString, pid));
  };
  const onAbort = () => cancel();
  options.signal?.addEventListener('abort', onAbort);
  /** Runs one statement (or one batch) under watch: aborting or outliving the timeout cancels it. */
  const guarded = async <R>(run: () => Promise<R>): Promise<R> => {
    if (options.signal?.aborted) throw new QueryCanceledError('aborted');
    running++;
    const timer = options.statementTimeoutMs ? setTimeout(cancel, options.statementTimeoutMs + 1000) : undefined;
    try {
      return await run();
    } finally {
      running--;
      if (timer) clearTimeout(timer);
    }
  };
  return {
    run: guarded,
    wrap(q: Queryable): Queryable {
      const last = q.queryThenCommit?.bind(q);
      return {
        query: (sql, params) => guarded(() => q.query(sql, params)),
        exec: (sql) => guarded(() => q.exec(sql)),
        ...(last ? { queryThenCommit: <R>(sql: string, params?: unknown[]) => guarded(() => last<R>(sql, params)) } : {}),
      };
    },
    /** Stop watching; true when a cancel was sent (after it has been delivered). */
    async stop(): Promise<boolean> {
      options.signal?.removeEventListener('abort', onAbort);
      const sent = cancels;
      cancels = [];
      await Promise.all(sent);
      return sent.length > 0;
    },
  };
}

async function cancelBackend(connectionString: string, pid: number): Promise<void> {
  // A connection of its own: the pool may be exhausted by the very statements being cancelled.
  const killer = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  killer.on('error', () => {});
  try {
    await killer.connect();
    await killer.query('select pg_cancel_backend($1)', [pid]);
  } catch {
    /* the backend is gone already, or the server is: nothing left to cancel */
  } finally {
    await killer.end().catch(() => {});
  }
}
