import { existsSync, readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './db/types.ts';
import { loadProjectConfig } from './project-config.ts';

const BOOTSTRAP_SQL = fileURLToPath(new URL('./bootstrap/bootstrap.sql', import.meta.url));

/** A Supabase project folder: `<workdir>/supabase/{migrations,seed.sql,functions}`, like the CLI's --workdir. */
export interface ProjectPaths {
  workdir: string;
  migrationsDir: string;
  seedFile: string;
  /** `[db.seed] sql_paths` of supabase/config.toml, in order (default: seed.sql); empty when `enabled = false`. */
  seedFiles: string[];
  functionsDir: string;
}

/** A seed path with `*` in its file name matches the files of that folder, sorted (the CLI takes globs). */
function expandSeedPath(file: string): string[] {
  const base = path.basename(file);
  if (!base.includes('*')) return [file];
  const dir = path.dirname(file);
  if (!existsSync(dir)) return [];
  const re = new RegExp(`^${base.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

export function projectPaths(workdir: string): ProjectPaths {
  const root = path.resolve(workdir);
  const seed = loadProjectConfig(root).db.seed;
  const seedFile = path.join(root, 'supabase', 'seed.sql');
  return {
    workdir: root,
    migrationsDir: path.join(root, 'supabase', 'migrations'),
    seedFile,
    seedFiles: seed.enabled ? seed.sqlPaths.flatMap(expandSeedPath) : [],
    functionsDir: path.join(root, 'supabase', 'functions'),
  };
}

export interface Migration {
  version: string;
  name: string;
  file: string;
}

/** `<version>_<name>.sql`, ordered by version as the Supabase CLI does. */
export async function listMigrations(migrationsDir: string): Promise<Migration[]> {
  if (!existsSync(migrationsDir)) return [];
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file) => {
    const match = /^(\d+)_(.+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file name must be <version>_<name>.sql: ${file}`);
    return { version: match[1]!, name: match[2]!, file: path.join(migrationsDir, file) };
  });
}

export async function applyBootstrap(db: Queryable): Promise<void> {
  await db.exec(await readFile(BOOTSTRAP_SQL, 'utf8'));
}

/**
 * Apply every migration not yet recorded (or only those up to version `upTo`, as a restore of an
 * older backup needs), each in its own transaction; returns the versions applied.
 */
export async function applyMigrations(db: Database, migrationsDir: string, options: { upTo?: string } = {}): Promise<string[]> {
  const applied = new Set(
    (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map(
      (r) => r.version,
    ),
  );
  const done: string[] = [];
  for (const migration of await listMigrations(migrationsDir)) {
    if (options.upTo !== undefined && migration.version > options.upTo) break;
    if (applied.has(migration.version)) continue;
    const sql = await readFile(migration.file, 'utf8');
    try {
      await db.tx(async (q) => {
        await q.exec(sql);
        await q.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
          migration.version,
          migration.name,
          [sql],
        ]);
      });
    } catch (error) {
      throw new Error(`Migration ${path.basename(migration.file)} failed: ${(error as Error).message}`, { cause: error });
    }
    done.push(migration.version);
  }
  if (done.length) await db.query(`select pg_notify('pgrst', 'reload schema')`);
  return done;
}

export async function applySeed(db: Database, seedFile: string): Promise<boolean> {
  if (!existsSync(seedFile)) return false;
  const sql = await readFile(seedFile, 'utf8');
  try {
    await db.tx((q) => q.exec(sql));
  } catch (error) {
    throw new Error(`Seed ${seedFile} failed: ${(error as Error).message}`, { cause: error });
  }
  await db.query(`select pg_notify('pgrst', 'reload schema')`);
  return true;
}

/** Bootstrap + migrations; seed only when the database had no migrations before (first run). */
export async function prepareDatabase(
  db: Database,
  paths: ProjectPaths,
  options: { seed?: 'first-run' | 'always' | 'never' } = {},
): Promise<{ applied: string[]; seeded: boolean }> {
  await applyBootstrap(db);
  const before = await db.query<{ n: number }>('select count(*)::int as n from supabase_migrations.schema_migrations');
  const firstRun = before.rows[0]?.n === 0;
  const applied = await applyMigrations(db, paths.migrationsDir);
  const mode = options.seed ?? 'first-run';
  let seeded = false;
  if (mode === 'always' || (mode === 'first-run' && firstRun)) {
    for (const file of paths.seedFiles) seeded = (await applySeed(db, file)) || seeded;
  }
  return { applied, seeded };
}

/**
 * Drop everything the project created (public and custom schemas, auth users, storage rows) on a
 * Postgres database, leaving a blank database that `prepareDatabase` fills again.
 */
export async function wipeDatabase(db: Database): Promise<void> {
  const { rows } = await db.query<{ nspname: string }>(
    `select nspname from pg_namespace
      where nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
        and nspname not like 'pg_temp_%' and nspname not like 'pg_toast_temp_%'`,
  );
  const quoted = rows.map((r) => `"${r.nspname.replaceAll('"', '""')}"`);
  if (quoted.length) await db.exec(`drop schema ${quoted.join(', ')} cascade`);
  await db.exec('create schema public; grant all on schema public to public;');
}
