/** Result of one statement. Values are whatever the driver returns; the gateway serialises JSON inside SQL. */
export interface QueryResult<T = Record<string, unknown>> {
  rows: T[];
  rowCount: number;
}

/** Something that can run statements: a connection inside a transaction, or the database itself. */
export interface Queryable {
  /** One statement with bound parameters ($1, $2, …). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements, no parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Optional, inside a transaction only: run the transaction's last statement and send COMMIT with
   * it, so both travel in one round trip (Postgres, pipelined). A failing statement rolls the
   * transaction back (COMMIT of a failed transaction is a rollback) and rejects as `query` would;
   * nothing may run on this transaction afterwards. Callers fall back to `query` when it is absent.
   */
  queryThenCommit?<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export type DatabaseKind = 'pglite' | 'postgres';

export interface TxOptions {
  /** Longest a statement of this transaction may run, in ms (0 / undefined = no limit). */
  statementTimeoutMs?: number;
  /** Aborting it (the client went away) cancels the running statement and fails the transaction. */
  signal?: CancelSignal;
}

/** The part of an AbortSignal the adapters use (the gateway passes a lighter one tied to the socket). */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** What a cancelled statement fails with: Postgres' own error (SQLSTATE 57014, query_canceled). */
export class QueryCanceledError extends Error {
  override readonly name = 'QueryCanceledError';
  readonly code = '57014';
  constructor(readonly reason: 'timeout' | 'aborted') {
    super(reason === 'timeout' ? 'canceling statement due to statement timeout' : 'canceling statement due to user request');
  }
}

/**
 * The one interface every adapter implements. The gateway runs each HTTP request in exactly one
 * transaction (`tx`), setting role and JWT claims transaction-locally, as PostgREST does.
 */
export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Human-readable location: a data folder, "memory", or a redacted connection URL. */
  readonly location: string;
  /**
   * True when statements issued on a transaction's `Queryable` without awaiting the previous one
   * are sent together and run in the order issued (the Postgres adapter: pg's pipeline mode). `runAs`
   * then sends its settings with the request's statement in one round trip instead of waiting for
   * them. Unset (PGlite, wrappers that do not forward it): every statement is awaited in turn.
   */
  readonly pipelined?: boolean;
  /**
   * One transaction. `options.statementTimeoutMs` bounds each statement (Postgres enforces the
   * `statement_timeout` the caller set, this is the adapter's backstop; PGlite, which has no timer
   * interrupts, interrupts its worker); `options.signal` cancels the running statement.
   */
  tx<T>(fn: (q: Queryable) => Promise<T>, options?: TxOptions): Promise<T>;
  /**
   * Optional: one transaction whose statements are all known up front, the last sent with its
   * COMMIT — what `tx` does when `fn` issues them in its first turn, the last with
   * `queryThenCommit` (Postgres: all of them under one Sync, pg-batch.ts), without the machinery
   * `tx` needs for transactions of unknown shape. One result per statement; the first failing
   * statement's error rejects (then nothing was kept). `discardRows`: that statement's rows are not
   * wanted (its result has none).
   */
  batch?(statements: ReadonlyArray<{ sql: string; params: unknown[]; discardRows?: boolean }>, options?: TxOptions): Promise<QueryResult<never>[]>;
  /** Subscribe to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Raised when the database cannot be reached; the gateway answers 503. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * "cached plan must not change result type": a prepared statement outlived a schema change that
 * altered its result columns. The Postgres adapter retires that connection; callers may retry.
 */
export function isStalePreparedStatement(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null | undefined;
  return e?.code === '0A000' && /cached plan must not change result type/.test(String(e.message));
}
