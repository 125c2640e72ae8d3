/**
 * Test helpers: a fresh, migrated database of the kind the test run asks for.
 *   TEST_DB=pglite (default)  → an in-memory PGlite
 *   TEST_DB=postgres          → a new database on the server at TEST_DATABASE_URL (an admin URL)
 * Each call gets its own database, so test files never share state.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database } from './db/types.ts';
import { openPgliteWorker } from './db/pglite-worker-db.ts';
import { openPostgres } from './db/postgres.ts';
import { listMigrations, prepareDatabase, projectPaths, type ProjectPaths } from './project.ts';

export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** The repository root (this file lives in packages/local-supabase/src). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface TestDatabase {
  db: Database;
  kind: TestDbKind;
  /** For Postgres: the URL of this test's own database. */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A key for "this project's schema and seed": bootstrap + every migration + seed. Test databases
 * are cloned from a snapshot (PGlite) or a template database (Postgres) made once per key, so each
 * test file gets a fresh migrated database in well under a second.
 */
async function schemaKey(paths: ProjectPaths, seed: boolean): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(fileURLToPath(new URL('./bootstrap/bootstrap.sql', import.meta.url))));
  for (const m of await listMigrations(paths.migrationsDir)) hash.update(m.file).update(await readFile(m.file));
  if (seed) for (const file of paths.seedFiles) if (existsSync(file)) hash.update(file).update(await readFile(file));
  hash.update(seed ? 'seed' : 'noseed');
  hash.update('checkpointed'); // snapshots taken after a checkpoint, without spent WAL (below)
  return hash.digest('hex').slice(0, 16);
}

const SNAPSHOT_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'local-supabase-test-db');

/**
 * Test databases are seeded strictly: `local_supabase.strict_seed = on` tells a seed to raise where
 * it would only warn for `pnpm start` (a demo row it could not write), so a snapshot never keeps a
 * half-seeded database. An error of the database process itself (PGlite's pgcrypto now and then
 * fails to initialise for the life of the process) gets one more try on a fresh process.
 */
async function seededOnce(paths: ProjectPaths, seed: boolean): Promise<Awaited<ReturnType<typeof openPgliteWorker>>> {
  for (let attempt = 1; ; attempt++) {
    const db = await openPgliteWorker();
    try {
      await db.exec(`set local_supabase.strict_seed = 'on'`);
      await prepareDatabase(db, paths, { seed: seed ? 'always' : 'never' });
      await db.exec('reset local_supabase.strict_seed');
      return db;
    } catch (error) {
      await db.close().catch(() => {});
      if (attempt >= 2) throw error;
      console.warn(`[local-supabase] preparing the test database failed (${(error as Error).message}); once more on a fresh process`);
    }
  }
}

/**
 * The demo seed writes dates relative to now() (deadlines, bookings, expiring certificates), so a
 * seeded snapshot is used for an hour at most (a test run), then made again; unseeded ones last.
 */
const SEEDED_SNAPSHOT_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * A data-folder tarball (ustar, as PGlite's dumpDataDir writes it) without the WAL segments outside
 * [first, last] (file names of one timeline compare in order). Postgres recreates future segments.
 */
function withoutWalOutside(tar: Uint8Array, first: string, last: string): Uint8Array {
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replace(/\0[\s\S]*$/, '');
  const kept: Uint8Array[] = [];
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) {
      kept.push(tar.subarray(offset)); // the end-of-archive blocks
      break;
    }
    const prefix = text(header.subarray(345, 500));
    const name = `${prefix ? `${prefix}/` : ''}${text(header.subarray(0, 100))}`;
    const size = parseInt(text(header.subarray(124, 136)).trim() || '0', 8);
    const length = 512 + Math.ceil(size / 512) * 512;
    const segment = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/.exec(name)?.[1];
    if (!segment || (segment >= first && segment <= last)) kept.push(tar.subarray(offset, offset + length));
    offset += length;
  }
  const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of kept) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function pgliteFromSnapshot(paths: ProjectPaths, seed: boolean): Promise<Database> {
  const file = path.join(SNAPSHOT_DIR, `${await schemaKey(paths, seed)}.tar`);
  if (existsSync(file) && (!seed || Date.now() - statSync(file).mtimeMs < SEEDED_SNAPSHOT_MAX_AGE_MS)) {
    return openPgliteWorker({ loadDataDir: new Blob([new Uint8Array(await readFile(file))]) });
  }
  const db = await seededOnce(paths, seed);
  // A checkpoint first: otherwise every test file's database replays the WAL of all migrations
  // and the seed at start (crash recovery). The segments before the checkpoint's and after the
  // current one are then dead weight (~half the seeded snapshot): left out.
  await db.exec('checkpoint');
  const { rows } = await db.query<{ redo: string; current: string }>(
    'select redo_wal_file as redo, pg_walfile_name(pg_current_wal_lsn()) as current from pg_control_checkpoint()',
  );
  const dump = withoutWalOutside(new Uint8Array(await (await db.dumpDataDir()).arrayBuffer()), rows[0]!.redo, rows[0]!.current);
  await mkdir(SNAPSHOT_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, dump);
  await rename(tmp, file); // atomic: a parallel worker never reads half a file
  return db;
}

async function postgresTemplate(adminUrl: string, paths: ProjectPaths, seed: boolean): Promise<string> {
  const name = `local_supabase_tpl_${await schemaKey(paths, seed)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Serialise template creation across test workers (and roles, which are cluster-wide).
    await admin.query('select pg_advisory_lock(874512)');
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openPostgres({ connectionString: url.toString(), max: 1 });
      try {
        await db.exec(`set local_supabase.strict_seed = 'on'`);
        await prepareDatabase(db, paths, { seed: seed ? 'always' : 'never' });
      } catch (error) {
        await db.close();
        await admin.query(`drop database if exists "${name}"`);
        throw error;
      }
      await db.close();
    }
  } finally {
    await admin.query('select pg_advisory_unlock(874512)').catch(() => {});
    await admin.end();
  }
  return name;
}

export async function createTestDatabase(
  /** `kind`: this kind whatever TEST_DB says (the browser tests' stack is always PGlite). */
  options: { workdir?: string; migrate?: boolean; seed?: boolean; kind?: TestDbKind } = {},
): Promise<TestDatabase> {
  const kind = options.kind ?? testDbKind();
  const paths = projectPaths(options.workdir ?? REPO_ROOT);
  const migrate = options.migrate !== false;
  const seed = migrate && options.seed === true;
  if (kind === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (an admin connection URL)');
    const template = migrate ? await postgresTemplate(adminUrl, paths, seed) : 'template0';
    const name = `local_supabase_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(
      `create database "${name}" template "${template}" encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
    );
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = await openPostgres({ connectionString: url.toString() });
    return {
      db,
      kind,
      url: url.toString(),
      async drop() {
        await db.close();
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const db = migrate ? await pgliteFromSnapshot(paths, seed) : await openPgliteWorker();
  return { db, kind, drop: () => db.close() };
}
