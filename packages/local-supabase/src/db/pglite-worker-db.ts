/**
 * PGlite in a worker thread, so that a statement can be stopped. PGlite runs Postgres as WASM on
 * the thread that calls it, one statement at a time, and has no timer interrupts: its
 * `statement_timeout` never fires, and a long statement blocks that thread (in-process: the whole
 * server). Here the main thread stays free; when a statement outlives its timeout or its client goes
 * away, the worker is terminated and a new one opens the same data folder (in-memory databases
 * live in a temporary folder for this). Committed transactions are in the folder's WAL and survive
 * (Postgres' crash recovery); the interrupted transaction is rolled back. Operations are
 * serialised here (one transaction at a time, as PGlite does), so only the interrupted request
 * fails; the others wait for the new worker (typically 1–2 s) and proceed.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { acquireLock } from './pglite.ts';
import { DatabaseUnavailableError, QueryCanceledError, type Database, type Queryable, type QueryResult, type TxOptions } from './types.ts';

export interface PgliteWorkerOptions {
  /** A folder for persistent data; omit for a database that lives only as long as this process. */
  dataDir?: string;
  /** A tarball made by `dumpDataDir` to start from (only on the first start). */
  loadDataDir?: Blob | File;
  /**
   * A data folder to start from, copied into this database's own temporary folder (only without
   * `dataDir`): an extracted test snapshot opens several times faster this way than as a tarball,
   * which PGlite unpacks file by file through its emulated filesystem.
   */
  copyFrom?: string;
}

export interface PgliteWorkerDatabase extends Database {
  /** A tarball of the data folder (PGlite's dumpDataDir), e.g. for test snapshots. */
  dumpDataDir(): Promise<Blob>;
  /** How many times a worker was interrupted and replaced (for tests and logs). */
  readonly restarts: number;
  /** The SQL the worker is running now, if any (for tests and diagnostics). */
  readonly runningStatement: string | undefined;
}

type Op =
  | { type: 'query'; sql: string; params: unknown[] }
  | { type: 'exec'; sql: string }
  | { type: 'listen' | 'unlisten'; channel: string }
  | { type: 'dump' }
  | { type: 'close' };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

function revive(error: Record<string, unknown>): Error {
  const e = new Error(String(error.message ?? 'PGlite error'));
  for (const [k, v] of Object.entries(error)) if (k !== 'message' && k !== 'stack') (e as unknown as Record<string, unknown>)[k] = v;
  return e;
}

const WORKER_URL = new URL('./pglite-worker.mjs', import.meta.url);

export async function openPgliteWorker(options: PgliteWorkerOptions = {}): Promise<PgliteWorkerDatabase> {
  const persistent = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const dataDir = persistent ?? (await mkdtemp(path.join(os.tmpdir(), 'local-supabase-pglite-')));
  const release = persistent ? await acquireLock(persistent) : async () => rm(dataDir, { recursive: true, force: true });
  if (options.copyFrom && !persistent) await cp(options.copyFrom, dataDir, { recursive: true });

  let worker: Worker | undefined;
  let ready: Promise<void> | undefined;
  let generation = 0;
  let restarts = 0;
  let running: string | undefined;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let seed: Uint8Array | undefined = options.loadDataDir ? new Uint8Array(await options.loadDataDir.arrayBuffer()) : undefined;

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  function start(): Promise<void> {
    const w = new Worker(WORKER_URL, { workerData: { dataDir, loadDataDir: seed } });
    seed = undefined;
    worker = w;
    generation++;
    const started = new Promise<void>((resolve, reject) => {
      w.on('message', (msg: { type: string; id?: number; ok?: boolean; result?: unknown; error?: Record<string, unknown>; channel?: string; payload?: string }) => {
        if (msg.type === 'ready') resolve();
        else if (msg.type === 'failed') reject(revive(msg.error ?? {}));
        else if (msg.type === 'notify') for (const cb of listeners.get(msg.channel!) ?? []) cb(msg.payload ?? '');
        else if (msg.type === 'result') {
          const p = pending.get(msg.id!);
          pending.delete(msg.id!);
          if (msg.ok) p?.resolve(msg.result);
          else p?.reject(revive(msg.error ?? {}));
        }
      });
      w.on('error', (error) => {
        reject(error);
        if (worker === w) failAll(new DatabaseUnavailableError('PGlite worker failed', { cause: error }));
      });
      w.on('exit', () => {
        if (worker === w && !closed) {
          worker = undefined;
          ready = undefined;
          failAll(new DatabaseUnavailableError('PGlite worker exited'));
        }
      });
    });
    ready = started.then(async () => {
      for (const channel of listeners.keys()) await post({ type: 'listen', channel });
    });
    ready.catch(() => {});
    return ready;
  }

  /** Send one operation to the current worker. */
  function post<T>(op: Op): Promise<T> {
    const w = worker;
    if (!w) return Promise.reject(new DatabaseUnavailableError('PGlite worker is not running'));
    const id = nextId++;
    const sql = 'sql' in op ? op.sql : undefined;
    running = sql;
    const done = () => {
      if (running === sql) running = undefined;
    };
    return new Promise<T>((resolve, reject) => {
      pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as T);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
      w.postMessage({ ...op, id });
    });
  }

  async function send<T>(op: Op): Promise<T> {
    if (closed) throw new DatabaseUnavailableError('The database is closed');
    await (ready ?? start());
    return post<T>(op);
  }

  /** Stop the running statement the only way PGlite allows: replace the worker. */
  function interrupt(error: Error): void {
    const w = worker;
    if (!w) return;
    worker = undefined;
    restarts++;
    failAll(error);
    ready = w
      .terminate()
      .catch(() => 0)
      .then(() => (closed ? undefined : start()));
    ready.catch(() => {});
  }

  // One operation or transaction at a time, in arrival order (PGlite would serialise them anyway;
  // doing it here means an interrupt only ever hits the statement that caused it).
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  }

  /** Run one statement of a transaction begun in `gen`, bounded by the transaction's options. */
  async function statement<T>(op: Op, gen: number, txOptions: TxOptions): Promise<T> {
    if (gen !== generation) throw new QueryCanceledError('aborted');
    if (txOptions.signal?.aborted) throw new QueryCanceledError('aborted');
    const running = post<T>(op);
    const timer = txOptions.statementTimeoutMs ? setTimeout(() => interrupt(new QueryCanceledError('timeout')), txOptions.statementTimeoutMs) : undefined;
    const onAbort = () => interrupt(new QueryCanceledError('aborted'));
    txOptions.signal?.addEventListener('abort', onAbort);
    try {
      return await running;
    } finally {
      if (timer) clearTimeout(timer);
      txOptions.signal?.removeEventListener('abort', onAbort);
    }
  }

  await start();

  const db: PgliteWorkerDatabase = {
    kind: 'pglite',
    location: persistent ?? 'memory',
    get restarts() {
      return restarts;
    },
    get runningStatement() {
      return running;
    },
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      return exclusive(() => send<QueryResult<T>>({ type: 'query', sql, params }));
    },
    async exec(sql: string): Promise<void> {
      await exclusive(() => send({ type: 'exec', sql }));
    },
    tx<T>(fn: (q: Queryable) => Promise<T>, txOptions: TxOptions = {}): Promise<T> {
      return exclusive(async () => {
        await send({ type: 'exec', sql: 'begin' });
        const gen = generation;
        const q: Queryable = {
          query: <R>(sql: string, params: unknown[] = []) => statement<QueryResult<R>>({ type: 'query', sql, params }, gen, txOptions),
          exec: async (sql: string) => {
            await statement({ type: 'exec', sql }, gen, txOptions);
          },
        };
        try {
          const result = await fn(q);
          if (gen !== generation) throw new QueryCanceledError('aborted');
          await post({ type: 'exec', sql: 'commit' });
          return result;
        } catch (error) {
          // After an interrupt the transaction died with its worker; otherwise roll it back.
          if (gen === generation && worker) await post({ type: 'exec', sql: 'rollback' }).catch(() => {});
          throw error;
        }
      });
    },
    async listen(channel, onNotify) {
      let set = listeners.get(channel);
      if (!set) {
        listeners.set(channel, (set = new Set()));
        await send({ type: 'listen', channel });
      }
      set.add(onNotify);
      return async () => {
        set.delete(onNotify);
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel);
          if (!closed) await exclusive(() => send({ type: 'unlisten', channel })).catch(() => {});
        }
      };
    },
    async dumpDataDir() {
      const bytes = await exclusive(() => send<Uint8Array>({ type: 'dump' }));
      return new Blob([new Uint8Array(bytes)]);
    },
    async close() {
      if (closed) return;
      await exclusive(async () => {
        if (worker) await post({ type: 'close' }).catch(() => {});
      });
      closed = true;
      const w = worker;
      worker = undefined;
      if (w) await w.terminate().catch(() => 0);
      failAll(new DatabaseUnavailableError('The database is closed'));
      await release();
    },
  };
  return db;
}
