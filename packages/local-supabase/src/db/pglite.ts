import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Database, Queryable, QueryResult } from './types.ts';

const LOCK_FILE = 'local-supabase.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite has no locking of its own: two processes on one folder corrupt it. Refuse that. */
export async function acquireLock(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  const existing = await readFile(lockPath, 'utf8').catch(() => '');
  const pid = Number.parseInt(existing, 10);
  if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
    throw new Error(
      `The data folder ${dataDir} is already open in process ${pid}. ` +
        'PGlite allows one process per folder: stop the other process or choose another folder.',
    );
  }
  await writeFile(lockPath, String(process.pid));
  return async () => {
    await rm(lockPath, { force: true });
  };
}

function wrap(q: Pick<PGlite | Transaction, 'query' | 'exec'>): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const result = await q.query<T>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  };
}

export interface PgliteOptions {
  /** A folder for persistent data; omit for an in-memory database. */
  dataDir?: string;
  /** A tarball made by `dumpDataDir` to start from (fast clone of a migrated database). */
  loadDataDir?: Blob | File;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Database & { raw: PGlite }> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  const release = dataDir ? await acquireLock(dataDir) : async () => {};
  let db: PGlite;
  try {
    db = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { cube, earthdistance, ltree, pg_trgm, pgcrypto, uuid_ossp, btree_gist },
    });
  } catch (error) {
    await release();
    throw error;
  }
  const base = wrap(db);
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    raw: db,
    query: base.query,
    exec: base.exec,
    tx: (fn) => db.transaction((t) => fn(wrap(t))),
    async listen(channel, onNotify) {
      const unsubscribe = await db.listen(channel, onNotify);
      return async () => unsubscribe();
    },
    async close() {
      await db.close();
      await release();
    },
  };
}
