/**
 * `pnpm local-supabase <command>` — serve a Supabase project folder locally.
 *
 *   start  [--workdir DIR] [--port N] [--host H] [--db pglite[:DATA_DIR] | postgres://…] [--data-dir DIR]
 *          [--seed first-run|always|never] [--quiet] [--messages FILE]
 *   reset  [--workdir DIR] [--db …] [--data-dir DIR]      wipe data + storage bytes, migrate, seed
 *   status [--workdir DIR] [--db …] [--data-dir DIR] [--json]
 *
 * DATABASE_URL selects Postgres when --db is not given. Keys and secret: see README (env overrides).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from './db/index.ts';
import { DEFAULT_PORT, resolveKeys } from './config.ts';
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

const USAGE = `Usage: pnpm local-supabase <start|reset|status> [options]

  start   Serve /rest/v1, /auth/v1, /storage/v1, /functions/v1 for a Supabase project folder
  reset   Wipe the database and stored files, then migrate and seed again
  status  Show URL, keys and database (--json for machines)

Options:
  --workdir DIR     project folder holding supabase/{migrations,seed.sql,functions} (default: cwd)
  --db SPEC         pglite (in memory) | pglite:DATA_DIR | postgres://… (default: $DATABASE_URL or pglite:<data-dir>/pglite)
  --data-dir DIR    data folder for PGlite, stored files and state (default: <workdir>/.data)
  --port N          default 54321 (0 = any free port)
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
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
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
    default:
      throw new Error(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
