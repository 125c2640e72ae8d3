/**
 * Test helpers: a fresh, migrated database of the kind the test run asks for.
 *   TEST_DB=pglite (default)  → an in-memory PGlite
 *   TEST_DB=postgres          → a new database on the server at TEST_DATABASE_URL (an admin URL)
 * Each call gets its own database, so test files never share state.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Database } from './db/types.ts';
import { openPgliteWorker, type PgliteWorkerDatabase } from './db/pglite-worker-db.ts';
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
  hash.update('folder'); // unpacked into a folder that each test database copies
  return hash.digest('hex').slice(0, 16);
}

const SNAPSHOT_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'local-supabase-test-db');

/**
 * Test databases are seeded strictly: `local_supabase.strict_seed = on` tells a seed to raise where
 * it would only warn for `pnpm start` (a demo row it could not write), so a snapshot never keeps a
 * half-seeded database. An error of the database process itself (PGlite's pgcrypto now and then
 * fails to initialise for the life of the process) gets one more try on a fresh process.
 */
async function seededOnce(paths: ProjectPaths, seed: boolean): Promise<PgliteWorkerDatabase> {
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
 * Unpack a data-folder tarball (ustar, as PGlite's dumpDataDir writes it) into `dir`, without the
 * WAL segments outside [first, last] (file names of one timeline compare in order; Postgres
 * recreates future segments).
 */
async function unpackDataDir(tar: Uint8Array, dir: string, first: string, last: string): Promise<void> {
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).replace(/\0[\s\S]*$/, '');
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break; // the end-of-archive blocks
    const prefix = text(header.subarray(345, 500));
    const name = `${prefix ? `${prefix}/` : ''}${text(header.subarray(0, 100))}`.replace(/^\/+/, '');
    const size = parseInt(text(header.subarray(124, 136)).trim() || '0', 8);
    const mode = parseInt(text(header.subarray(100, 108)).trim() || '0', 8) & 0o777;
    const type = String.fromCharCode(header[156]!);
    const target = path.join(dir, name);
    if (!target.startsWith(`${dir}${path.sep}`)) throw new Error(`unexpected path in a data-folder tarball: ${name}`);
    if (type === '5') {
      await mkdir(target, { recursive: true });
    } else if (type === '0' || type === '\0') {
      const segment = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/.exec(name)?.[1];
      if (!segment || (segment >= first && segment <= last)) {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, tar.subarray(offset + 512, offset + 512 + size), { mode: mode || 0o600 });
      }
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

/**
 * The newest snapshot folder of this key that may still be used (`<key>-<made at ms>`), or none.
 * Folders are never changed once renamed into place; an expired seeded one is replaced by a new
 * name, so a worker copying the old one is never disturbed.
 */
async function currentSnapshot(key: string, seed: boolean): Promise<string | undefined> {
  const made = (await readdir(SNAPSHOT_DIR).catch(() => [] as string[]))
    .map((name) => /^([0-9a-f]{16})-(\d+)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === key)
    .map((m) => Number(m[2]))
    .sort((a, b) => b - a);
  const newest = made[0];
  if (newest === undefined || (seed && Date.now() - newest >= SEEDED_SNAPSHOT_MAX_AGE_MS)) return undefined;
  return path.join(SNAPSHOT_DIR, `${key}-${newest}`);
}

/**
 * The folder of a PGlite snapshot: the newest one of this key that may still be used, or one made
 * now from the database `make` opens (returned as `made`, still open, for the caller to use).
 */
async function snapshotFolder(
  key: string,
  expires: boolean,
  make: () => Promise<PgliteWorkerDatabase>,
): Promise<{ folder: string; made?: PgliteWorkerDatabase }> {
  // One process makes a snapshot; the others (test workers starting together) wait for its folder
  // instead of making the same one on the same cores.
  const lock = path.join(SNAPSHOT_DIR, `${key}.lock`);
  await mkdir(SNAPSHOT_DIR, { recursive: true });
  for (;;) {
    const existing = await currentSnapshot(key, expires);
    if (existing) return { folder: existing };
    if (await tryLock(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    return await makeSnapshot(key, make);
  } finally {
    await rm(lock, { force: true });
  }
}

/** The lock file `file` (naming this process) if free, or held by a process that no longer runs. */
async function tryLock(file: string): Promise<boolean> {
  try {
    await writeFile(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(await readFile(file, 'utf8').catch(() => ''));
  try {
    if (holder) process.kill(holder, 0);
    // being written — unless it stayed empty (its process died between creating and writing it)
    else if (Date.now() - (await stat(file).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs < 10_000) return false;
    else throw new Error('an empty, stale lock');
  } catch {
    await rm(file, { force: true }); // its process died
  }
  return false;
}

async function makeSnapshot(key: string, make: () => Promise<PgliteWorkerDatabase>): Promise<{ folder: string; made?: PgliteWorkerDatabase }> {
  const db = await make();
  // A checkpoint first: otherwise every test file's database replays the WAL of all migrations
  // and the seed at start (crash recovery). The segments before the checkpoint's and after the
  // current one are then dead weight (~half the seeded snapshot): left out.
  await db.exec('checkpoint');
  const { rows } = await db.query<{ redo: string; current: string }>(
    'select redo_wal_file as redo, pg_walfile_name(pg_current_wal_lsn()) as current from pg_control_checkpoint()',
  );
  const now = Date.now();
  const folder = path.join(SNAPSHOT_DIR, `${key}-${now}`);
  const tmp = `${folder}.${process.pid}.tmp`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await unpackDataDir(new Uint8Array(await (await db.dumpDataDir()).arrayBuffer()), tmp, rows[0]!.redo, rows[0]!.current);
  try {
    await rename(tmp, folder); // atomic: a parallel worker never copies half a folder
  } catch {
    await rm(tmp, { recursive: true, force: true }); // another worker made the same name
  }
  // Expired snapshots of this key (a run started within the last minutes may still copy one).
  for (const name of await readdir(SNAPSHOT_DIR)) {
    const m = /^([0-9a-f]{16})-(\d+)$/.exec(name);
    if (m?.[1] === key && now - Number(m[2]) > SEEDED_SNAPSHOT_MAX_AGE_MS + 15 * 60 * 1000) {
      await rm(path.join(SNAPSHOT_DIR, name), { recursive: true, force: true });
    }
  }
  return { folder, made: db };
}

/**
 * Makes the seeded PGlite snapshot of the project at `workdir` unless a usable one exists, without
 * opening a test database from it (`pnpm test` runs this at its start: scripts/prepare-test-snapshot.ts).
 */
export async function prepareSeededSnapshot(workdir: string = REPO_ROOT): Promise<void> {
  const paths = projectPaths(workdir);
  const { made } = await snapshotFolder(await schemaKey(paths, true), true, () => seededOnce(paths, true));
  await made?.close();
}

async function pgliteFromSnapshot(paths: ProjectPaths, seed: boolean): Promise<Database> {
  const { folder, made } = await snapshotFolder(await schemaKey(paths, seed), seed, () => seededOnce(paths, seed));
  return made ?? openPgliteWorker({ copyFrom: folder });
}

/**
 * A folder holding a new, empty PGlite cluster (what PGlite's initdb makes: no bootstrap, no
 * migrations), made once per PGlite version. Copying it is several times cheaper than initdb (~5 s
 * of CPU): a test that needs a database as a new data folder has it (`createTestDatabase({ migrate:
 * false })`, or copy this folder to a new data folder and open that).
 */
export async function emptyPgliteCluster(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite'); // <package>/dist/index.cjs
  const { version } = JSON.parse(await readFile(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  const key = createHash('sha256').update(`initdb ${version}`).digest('hex').slice(0, 16);
  const { folder, made } = await snapshotFolder(key, false, () => openPgliteWorker());
  await made?.close();
  return folder;
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
  const db = migrate ? await pgliteFromSnapshot(paths, seed) : await openPgliteWorker({ copyFrom: await emptyPgliteCluster() });
  return { db, kind, drop: () => db.close() };
}
