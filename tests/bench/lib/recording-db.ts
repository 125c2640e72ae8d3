/**
 * A Database wrapper that records the statements run inside transactions while recording is on.
 * The gateway runs over it, so the benchmark can replay exactly the SQL one HTTP request ran (same
 * statements, same parameters, same transaction shape) directly against the database.
 */
import type { Database, Queryable, QueryResult } from '@tuoyu/local-supabase';

export interface Statement {
  sql: string;
  params: unknown[];
  /** Sent as the transaction's last statement (Queryable.queryThenCommit: with COMMIT, or under one Sync). */
  commit?: boolean;
  /** Sent through the adapter's `batch` (every statement of the transaction known up front). */
  batch?: boolean;
  /** `batch`: its rows were not wanted (the settings statement: not described, not parsed). */
  discardRows?: boolean;
}

export interface RecordingDatabase extends Database {
  /** Run fn and return every statement its transactions ran. */
  record(fn: () => Promise<unknown>): Promise<Statement[]>;
}

export function recordingDatabase(inner: Database): RecordingDatabase {
  let recording: Statement[] | null = null;
  const wrap = (q: Queryable): Queryable => ({
    query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      if (recording) recording.push({ sql, params: params ?? [] });
      return q.query<T>(sql, params);
    },
    exec: (sql: string) => q.exec(sql),
    ...(q.queryThenCommit
      ? {
          queryThenCommit<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
            if (recording) recording.push({ sql, params: params ?? [], commit: true });
            return q.queryThenCommit!<T>(sql, params);
          },
        }
      : {}),
  });
  return {
    get kind() {
      return inner.kind;
    },
    get location() {
      return inner.location;
    },
    get pipelined() {
      return inner.pipelined;
    },
    query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => inner.query<T>(sql, params),
    exec: (sql: string) => inner.exec(sql),
    tx: <T>(fn: (q: Queryable) => Promise<T>) => inner.tx((q) => fn(wrap(q))),
    ...(inner.batch
      ? {
          batch(statements, options) {
            if (recording) {
              statements.forEach((s, i) =>
                recording!.push({ sql: s.sql, params: s.params, batch: true, ...(i === statements.length - 1 ? { commit: true } : {}), ...(s.discardRows ? { discardRows: true } : {}) }),
              );
            }
            return inner.batch!(statements, options);
          },
        }
      : {}),
    listen: (channel, onNotify) => inner.listen(channel, onNotify),
    close: () => inner.close(),
    async record(fn) {
      recording = [];
      try {
        await fn();
        return recording;
      } finally {
        recording = null;
      }
    },
  };
}

/**
 * Replay recorded statements in one transaction, as the gateway ran them: on a pipelined database
 * (Postgres) issued together without waiting in between, as runAs sends its settings with the
 * request's statement, and a statement the gateway sent with queryThenCommit sent that way again
 * (through the adapter's `batch` when the gateway used it), so both sides make the same round trips.
 */
export function replay(db: Database, statements: Statement[]): Promise<unknown> {
  // The gateway's REST path sends a one-statement transaction through `batch`: so does the replay.
  if (db.batch && statements.length > 0 && statements.every((s) => s.batch)) {
    return db.batch(statements.map((s) => ({ sql: s.sql, params: s.params, ...(s.discardRows ? { discardRows: true } : {}) }))).then((r) => r.at(-1));
  }
  return db.tx(async (q) => {
    if (db.pipelined) {
      const results = await Promise.all(statements.map((s) => (s.commit && q.queryThenCommit ? q.queryThenCommit(s.sql, s.params) : q.query(s.sql, s.params))));
      return results.at(-1);
    }
    let last: unknown;
    for (const s of statements) last = await q.query(s.sql, s.params);
    return last;
  });
}
