/**
 * `pnpm local-supabase <command>` — serve a Supabase project folder locally.
 *
 *   start  [--workdir DIR] [--port N] [--host H] [--db pglite[:DATA_DIR] | postgres://…] [--data-dir DIR]
 *          [--seed first-run|always|never] [--quiet] [--messages FILE]
 *   reset  [--workdir DIR] [--db …] [--data-dir DIR]      wipe data + storage bytes, migrate, seed
 *   status [--workdir DIR] [--db …] [--data-dir DIR] [--json]
 *   backup [FILE] [--workdir DIR] [--db …] [--data-dir DIR]   rows, sequences and stored files → FILE
 *   restore FILE  [--workdir DIR] [--db …] [--data-dir DIR]   replace the data with FILE's (see backup.ts)
 *
 * DATABASE_URL selects Postgres when --db is not given. Keys and secret: see README (env overrides).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkSchemaVersion, defaultBackupFile, fileSize, restoreBackup, verifyBackup, writeBackup, type BackupSummary } from './backup.ts';
import { openDatabase, type Database } from './db/index.ts';
import { resolveKeys } from './config.ts';
import { loadProjectConfig } from './project-config.ts';
import { prepareDatabase, projectPaths, wipeDatabase } from './project.ts';
import { startLocalSupabase } from './server.ts';
import { readMessagesFile } from './messages.ts';

const STATE_FILE = 'local-supabase.json';

interface Settings {
  workdir: string;
  dataDir: string;
  db: string;
  port: number;
  host: string;
}

interface State {
  pid: number;
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  database: 'pglite' | 'postgres';
  location: string;
  workdir: string;
  startedAt: string;
}

const USAGE = `Usage: pnpm local-supabase <start|reset|status|backup|restore> [options]

  start         Serve /rest/v1, /auth/v1, /storage/v1, /functions/v1 for a Supabase project folder
  reset         Wipe the database and stored files, then migrate and seed again
  status        Show URL, keys and database (--json for machines)
  backup [FILE] Write every table's rows, the sequences and the stored files to FILE
                (default <data-dir>/backups/tuoyu-backup-<db>-<time>.jsonl.gz)
  restore FILE  Replace the database and stored files with FILE's (refused while the stack runs
                or when FILE comes from a newer schema); the current data is saved first

Options:
  --workdir DIR     project folder holding supabase/{migrations,seed.sql,functions} (default: cwd)
  --db SPEC         pglite (in memory) | pglite:DATA_DIR | postgres://… (default: $DATABASE_URL or pglite:<data-dir>/pglite)
  --data-dir DIR    data folder for PGlite, stored files and state (default: <workdir>/.data)
  --port N          default [api] port of supabase/config.toml, else 54321 (0 = any free port)
  --host H          default 127.0.0.1
  --seed MODE       first-run (default) | always | never
  --json            machine-readable status
  --quiet           no request log
  --messages FILE   JSON of texts for people (default: <workdir>/supabase/local-supabase.messages.json if present)
`;

function settingsFrom(values: Record<string, string | boolean | undefined>): Settings {
  const workdir = path.resolve(String(values.workdir ?? process.cwd()));
  const dataDir = path.resolve(String(values['data-dir'] ?? path.join(workdir, '.data')));
  const db = String(values.db ?? (process.env.DATABASE_URL || `pglite:${path.join(dataDir, 'pglite')}`));
  // Like the Supabase CLI: [api] port of supabase/config.toml (54321 without one).
  const port = values.port === undefined ? loadProjectConfig(workdir).api.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0…65535, got ${String(values.port)}`);
  return { workdir, dataDir, db, port, host: String(values.host ?? '127.0.0.1') };
}

const kindOf = (spec: string): 'pglite' | 'postgres' => (/^postgres(ql)?:\/\//.test(spec) ? 'postgres' : 'pglite');

function redact(spec: string): string {
  if (kindOf(spec) !== 'postgres') return spec;
  try {
    const u = new URL(spec);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readState(dataDir: string): State | undefined {
  const file = path.join(dataDir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as State;
    return isAlive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

async function start(s: Settings, values: Record<string, string | boolean | undefined>): Promise<void> {
  const running = readState(s.dataDir);
  if (running) throw new Error(`A local Supabase is already running (process ${running.pid}, ${running.url}); stop it first.`);
  const seed = (values.seed ?? 'first-run') as 'first-run' | 'always' | 'never';
  if (!['first-run', 'always', 'never'].includes(seed)) throw new Error('--seed must be first-run, always or never');
  const stack = await startLocalSupabase({
    workdir: s.workdir,
    db: s.db,
    dataDir: s.dataDir,
    port: s.port,
    host: s.host,
    seed,
    log: values.quiet ? false : true,
    ...(typeof values.messages === 'string' ? { messages: await readMessagesFile(path.resolve(values.messages)) } : {}),
  });
  const state: State = {
    pid: process.pid,
    url: stack.url,
    anonKey: stack.anonKey,
    serviceRoleKey: stack.serviceRoleKey,
    database: stack.db.kind,
    location: stack.db.location,
    workdir: s.workdir,
    startedAt: new Date().toISOString(),
  };
  await mkdir(s.dataDir, { recursive: true });
  const stateFile = path.join(s.dataDir, STATE_FILE);
  await writeFile(stateFile, JSON.stringify(state, null, 2));
  console.log(`
Local Supabase is running
  API URL           ${stack.url}
  Database          ${stack.db.kind} (${stack.db.location})
  Project           ${s.workdir}
  anon key          ${stack.anonKey}
  service_role key  ${stack.serviceRoleKey}
  JWT secret        ${stack.jwtSecret}
These are public development values — never use them in production.
Ctrl-C stops.
`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    try {
      await stack.stop();
      await rm(stateFile, { force: true });
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function reset(s: Settings): Promise<void> {
  const running = readState(s.dataDir);
  if (running) throw new Error(`A local Supabase is running (process ${running.pid}); stop it before resetting.`);
  const paths = projectPaths(s.workdir);
  if (kindOf(s.db) === 'pglite' && s.db !== 'pglite') {
    const dir = path.resolve(s.db.slice('pglite:'.length));
    // Opening takes the folder lock first: refuse while another process has it, before deleting anything.
    const probe = await openDatabase(s.db);
    await probe.close();
    await rm(dir, { recursive: true, force: true });
  }
  await rm(path.join(s.dataDir, 'storage'), { recursive: true, force: true });
  const db = await openDatabase(s.db);
  try {
    if (db.kind === 'postgres') await wipeDatabase(db);
    const { applied, seeded } = await prepareDatabase(db, paths, { seed: 'always' });
    console.log(`Reset ${db.kind} (${db.location}): ${applied.length} migrations applied${seeded ? ', seed loaded' : ''}.`);
  } finally {
    await db.close();
  }
}

/** A FILE argument is relative to where the person typed the command (`pnpm` runs scripts in the repository root). */
function fromCallerDir(file: string | undefined): string | undefined {
  return file === undefined ? undefined : path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

function pgliteDir(spec: string): string {
  if (spec === 'pglite' || spec === 'memory') throw new Error('内存数据库（--db pglite）没有可备份或恢复的数据：请用 --db pglite:DIR 或 DATABASE_URL。');
  return path.resolve(spec.slice('pglite:'.length));
}

function describeBackup(summary: BackupSummary, size?: number): string {
  const { header } = summary;
  return (
    `  schema version    ${header.schemaVersion ?? '(no migrations)'} (${header.migrations.length} migrations)\n` +
    `  taken             ${header.createdAt} from ${header.source.kind}\n` +
    `  contents          ${summary.tables} tables, ${summary.rows} rows, ${summary.sequences} sequences, ${summary.files} stored files (${summary.bytes} bytes)` +
    (size === undefined ? '' : `\n  file size         ${size} bytes`)
  );
}

/** On Postgres, other sessions on the database (a stack started from another folder, psql…). */
async function otherSessions(db: Database): Promise<number> {
  if (db.kind !== 'postgres') return 0;
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
  );
  return rows[0]?.n ?? 0;
}

async function hasMigrations(db: Database): Promise<boolean> {
  // Two statements: Postgres resolves table names when it parses, so one `case` cannot guard the other.
  const table = await db.query<{ ok: boolean }>(`select to_regclass('supabase_migrations.schema_migrations') is not null as ok`);
  if (!table.rows[0]?.ok) return false;
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from supabase_migrations.schema_migrations');
  return (rows[0]?.n ?? 0) > 0;
}

async function backup(s: Settings, file: string | undefined): Promise<void> {
  const kind = kindOf(s.db);
  if (kind === 'pglite') {
    const dir = pgliteDir(s.db);
    const running = readState(s.dataDir);
    if (running) {
      throw new Error(
        `本地 Supabase 正在使用数据目录（进程 ${running.pid}，${running.url}）。PGlite 只允许一个进程打开它：请先停止（Ctrl-C），再备份。`,
      );
    }
    if (!existsSync(dir)) throw new Error(`数据目录 ${dir} 不存在，没有可备份的数据。`);
  }
  const target = path.resolve(file ?? defaultBackupFile(s.dataDir, kind));
  if (existsSync(target)) throw new Error(`${target} 已存在，不会覆盖：请换一个文件名。`);
  const db = await openDatabase(s.db).catch((error: unknown) => {
    if (kind !== 'pglite') throw error;
    throw new Error(`数据目录正被另一个进程使用（PGlite 只允许一个进程打开它），请先停止它再备份。\n${(error as Error).message}`);
  });
  try {
    if (!(await hasMigrations(db))) throw new Error(`数据库 ${db.location} 还没有任何迁移记录，没有可备份的数据。`);
    const summary = await writeBackup(db, target, { storageDir: path.join(s.dataDir, 'storage') });
    console.log(`Backup written (备份完成): ${target}\n${describeBackup(summary, await fileSize(target))}`);
  } finally {
    await db.close();
  }
}

async function restore(s: Settings, file: string | undefined): Promise<void> {
  if (!file) throw new Error('请指定要恢复的备份文件：pnpm db:restore FILE');
  const source = path.resolve(file);
  const kind = kindOf(s.db);
  const running = readState(s.dataDir);
  if (running) throw new Error(`本地 Supabase 正在运行（进程 ${running.pid}，${running.url}），请先停止它再恢复；没有做任何修改。`);
  // Read the whole file and check its schema before anything is touched.
  const summary = await verifyBackup(source);
  const paths = projectPaths(s.workdir);
  await checkSchemaVersion(summary.header, paths.migrationsDir);
  const storageDir = path.join(s.dataDir, 'storage');
  const newStorage = `${storageDir}.restoring-${process.pid}`;
  await rm(newStorage, { recursive: true, force: true });
  let safety: string | undefined;
  const saveCurrent = async (db: Database) => {
    if (!(await hasMigrations(db))) return;
    safety = defaultBackupFile(s.dataDir, kind, { prefix: 'before-restore' });
    await writeBackup(db, safety, { storageDir });
  };
  try {
    if (kind === 'pglite') {
      const dir = pgliteDir(s.db);
      if (existsSync(dir)) {
        // Opening takes the folder lock: refused while another process has the folder open.
        const current = await openDatabase(s.db).catch((error: unknown) => {
          throw new Error(`数据目录正被另一个进程使用，请先停止它再恢复；没有做任何修改。\n${(error as Error).message}`);
        });
        try {
          await saveCurrent(current);
        } finally {
          await current.close();
        }
      }
      // Built beside the old folder and swapped in only when complete.
      const fresh = `${dir}.restoring-${process.pid}`;
      await rm(fresh, { recursive: true, force: true });
      const db = await openDatabase(`pglite:${fresh}`);
      try {
        await restoreBackup(db, source, { migrationsDir: paths.migrationsDir, storageDir: newStorage });
      } catch (error) {
        await db.close();
        await rm(fresh, { recursive: true, force: true });
        throw error;
      }
      await db.close();
      await rm(dir, { recursive: true, force: true });
      await rename(fresh, dir);
    } else {
      const db = await openDatabase(s.db);
      try {
        const others = await otherSessions(db);
        if (others > 0) throw new Error(`数据库 ${db.location} 还有 ${others} 个其他连接（例如在别处运行的本地 Supabase）：请先停止它们再恢复；没有做任何修改。`);
        await saveCurrent(db);
        await wipeDatabase(db);
        await restoreBackup(db, source, { migrationsDir: paths.migrationsDir, storageDir: newStorage });
      } finally {
        await db.close();
      }
    }
    await rm(storageDir, { recursive: true, force: true });
    if (existsSync(newStorage)) await rename(newStorage, storageDir);
  } catch (error) {
    await rm(newStorage, { recursive: true, force: true });
    if (safety) (error as Error).message += `\n恢复前的数据已保存在 ${safety}，可用 pnpm db:restore ${safety} 找回。`;
    throw error;
  }
  console.log(
    `Restored (恢复完成) ${kind} from ${source}\n${describeBackup(summary)}` +
      (safety ? `\n  the data before the restore was saved to ${safety}` : ''),
  );
}

async function status(s: Settings, asJson: boolean): Promise<void> {
  const state = readState(s.dataDir);
  const keys = await resolveKeys();
  const out = state
    ? { running: true, url: state.url, anonKey: state.anonKey, serviceRoleKey: state.serviceRoleKey, database: state.database, location: state.location, pid: state.pid, workdir: state.workdir }
    : {
        running: false,
        url: `http://${s.host}:${s.port}`,
        anonKey: keys.anonKey,
        serviceRoleKey: keys.serviceRoleKey,
        database: kindOf(s.db),
        location: redact(s.db),
        workdir: s.workdir,
      };
  if (asJson) {
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  console.log(`${out.running ? 'running' : 'not running'}
  API URL           ${out.url}
  Database          ${out.database} (${out.location})
  anon key          ${out.anonKey}
  service_role key  ${out.serviceRoleKey}`);
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workdir: { type: 'string' },
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      messages: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    if (!command && !values.help) process.exitCode = 1;
    return;
  }
  const s = settingsFrom(values);
  switch (command) {
    case 'start':
      return start(s, values);
    case 'reset':
      return reset(s);
    case 'status':
      return status(s, values.json === true);
    case 'backup':
      return backup(s, fromCallerDir(positionals[1]));
    case 'restore':
      return restore(s, fromCallerDir(positionals[1]));
    default:
      throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
