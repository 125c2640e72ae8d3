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
}

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * The one interface every adapter implements. The gateway runs each HTTP request in exactly one
 * transaction (`tx`), setting role and JWT claims transaction-locally, as PostgREST does.
 */
export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Human-readable location: a data folder, "memory", or a redacted connection URL. */
  readonly location: string;
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
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
