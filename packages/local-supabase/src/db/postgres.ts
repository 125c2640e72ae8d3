import pg from 'pg';
import type { Database, Queryable, QueryResult } from './types.ts';
import { DatabaseUnavailableError } from './types.ts';

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

function wrap(client: pg.PoolClient | pg.Pool): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const result = await client.query(sql, params as unknown[]);
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
        const result = await fn(wrap(client));
        await guard(() => client.query('commit'));
        return result;
      } catch (error) {
        broken = isConnectionError(error) || error instanceof DatabaseUnavailableError;
        if (!broken) await client.query('rollback').catch(() => {});
        if (isConnectionError(error)) throw new DatabaseUnavailableError('Postgres is not reachable', { cause: error });
        throw error;
      } finally {
        // A client whose connection broke is destroyed, never handed to the next request.
        client.release(broken ? true : undefined);
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
