import pg from 'pg';
import type { Database, Queryable, QueryResult } from './types.ts';
import { DatabaseUnavailableError, isStalePreparedStatement } from './types.ts';

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

export async function openPostgres(options: PostgresOptions): Promise<Database & { pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
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
  const base = wrap(pool);
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
      name = `tuoyu_${names.size + 1}`;
      names.set(sql, name);
    }
    let used = prepared.get(client);
    if (!used) prepared.set(client, (used = new Set()));
    used.add(name);
    return name;
  };
  return {
    kind: 'postgres',
    location: redact(options.connectionString),
    pool,
    query: (sql, params) => guard(() => base.query(sql, params)),
    exec: (sql) => guard(() => base.exec(sql)),
    async tx(fn) {
      const client = await guard(() => pool.connect());
      let broken = false;
      try {
        await guard(() => client.query('begin'));
        const result = await fn(wrap(client, nameFor(client)));
        await guard(() => client.query('commit'));
        return result;
      } catch (error) {
        broken = isConnectionError(error) || error instanceof DatabaseUnavailableError;
        // Its prepared statements are stale after a schema change: start afresh on a new connection.
        if (isStalePreparedStatement(error)) retired.add(client);
        if (!broken) await client.query('rollback').catch(() => {});
        if (isConnectionError(error)) throw new DatabaseUnavailableError('Postgres is not reachable', { cause: error });
        throw error;
      } finally {
        // A client whose connection broke is destroyed, never handed to the next request; so is one
        // holding too many prepared statements (they live as long as the connection).
        const retire = retired.has(client) || (prepared.get(client)?.size ?? 0) > perConnection;
        if (retire) prepared.delete(client);
        client.release(broken || retire ? true : undefined);
      }
    },
    async listen(channel, onNotify) {
      const client = await guard(() => pool.connect());
      const handler = (msg: pg.Notification) => {
        if (msg.channel === channel) onNotify(msg.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`listen "${channel.replaceAll('"', '""')}"`);
      return async () => {
        client.off('notification', handler);
        await client.query(`unlisten "${channel.replaceAll('"', '""')}"`).catch(() => {});
        client.release();
      };
    },
    async close() {
      await pool.end();
    },
  };
}
