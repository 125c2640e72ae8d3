/** What every scenario gets: the database, the running stack over it, personas and their tokens. */
import os from 'node:os';
import {
  openPostgres,
  prepareDatabase,
  projectPaths,
  resolveKeys,
  runAs,
  signJwt,
  startLocalSupabase,
  type Database,
  type LocalSupabase,
  type Queryable,
  type RequestAuth,
} from '@tuoyu/local-supabase';
import type { BenchPersonas, GenerateResult } from '../generator/index.ts';
import type { MeasureOptions } from './measure.ts';
import type { BenchResults, CheckResult, ConcurrencyResult, RatioResult, ScenarioResult } from './results.ts';
import { recordingDatabase, type RecordingDatabase } from './recording-db.ts';

export interface BenchSettings {
  /** Iterations for latency scenarios (per op), after `warmup` rounds. */
  measure: MeasureOptions;
  /** Concurrency: clients and seconds per target. */
  connections: number;
  durationSeconds: number;
  /** Build a missing dist folder for the size checks. */
  buildMissing: boolean;
  /** Preset for the PGlite comparison (small for small runs, medium otherwise). */
  pglitePreset: 'small' | 'medium';
  /** SQL run after the migrations, before loading (proposed schema changes under test). */
  applySql?: Array<{ file: string; sql: string }>;
}

export interface BenchContext {
  repoRoot: string;
  /** The project folder (supabase/migrations, functions) the database was prepared from. */
  workdir: string;
  /** Direct connection pool to the benchmark database. */
  db: Database;
  /** The database the stack runs over (records statements on demand). */
  recorder: RecordingDatabase;
  stack: LocalSupabase;
  load: GenerateResult;
  personas: BenchPersonas;
  tokens: { anon: string; service: string; countyAdmin: string; cityAdmin: string; provinceAdmin: string };
  auth: { anon: RequestAuth; service: RequestAuth; countyAdmin: RequestAuth; cityAdmin: RequestAuth; provinceAdmin: RequestAuth };
  settings: BenchSettings;
  /** The admin URL of the server (to create side databases). */
  adminUrl: string;
  /** The benchmark database's URL (for tools such as pgbench). */
  databaseUrl: string;
  log: (line: string) => void;
}

export interface ScenarioOutput {
  results?: ScenarioResult[];
  ratios?: RatioResult[];
  checks?: CheckResult[];
  concurrency?: ConcurrencyResult[];
  notes?: string[];
}

export interface Scenario {
  id: string;
  label: string;
  run(ctx: BenchContext): Promise<ScenarioOutput>;
}

/** Claims as GoTrue issues them for a signed-in user. */
export function userClaims(userId: string, email: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { sub: userId, email, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 6 * 3600, aal: 'aal1', session_id: userId };
}

export async function createContext(options: {
  repoRoot: string;
  workdir: string;
  adminUrl: string;
  databaseUrl: string;
  load: (db: Database) => Promise<GenerateResult>;
  settings: BenchSettings;
  log: (line: string) => void;
}): Promise<BenchContext> {
  const { log } = options;
  const db = await openPostgres({ connectionString: options.databaseUrl, max: Math.max(12, options.settings.connections + 4) });
  await prepareDatabase(db, projectPaths(options.workdir), { seed: 'never' });
  for (const extra of options.settings.applySql ?? []) {
    log(`applying ${extra.file}`);
    await db.exec(extra.sql);
  }
  const load = await options.load(db);
  const recorder = recordingDatabase(db);
  const stack = await startLocalSupabase({ workdir: options.workdir, db: recorder, port: 0, host: '127.0.0.1', seed: 'never', log: false });
  log(`stack on ${stack.url} over Postgres`);
  const keys = await resolveKeys();
  const { countyAdmin, cityAdmin, provinceAdmin } = load.personas;
  const countyClaims = userClaims(countyAdmin.userId, countyAdmin.email);
  const cityClaims = userClaims(cityAdmin.userId, cityAdmin.email);
  const provinceClaims = userClaims(provinceAdmin.userId, provinceAdmin.email);
  return {
    repoRoot: options.repoRoot,
    workdir: options.workdir,
    db,
    recorder,
    stack,
    load,
    personas: load.personas,
    tokens: {
      anon: keys.anonKey,
      service: keys.serviceRoleKey,
      countyAdmin: await signJwt(countyClaims, keys.jwtSecret),
      cityAdmin: await signJwt(cityClaims, keys.jwtSecret),
      provinceAdmin: await signJwt(provinceClaims, keys.jwtSecret),
    },
    auth: {
      anon: { role: 'anon', claims: { role: 'anon' } },
      service: { role: 'service_role', claims: { role: 'service_role' } },
      countyAdmin: { role: 'authenticated', claims: countyClaims },
      cityAdmin: { role: 'authenticated', claims: cityClaims },
      provinceAdmin: { role: 'authenticated', claims: provinceClaims },
    },
    settings: options.settings,
    adminUrl: options.adminUrl,
    databaseUrl: options.databaseUrl,
    log,
  };
}

/** One statement as a persona, in its own transaction (role + claims set locally, as PostgREST does). */
export function asPersona<T>(db: Database, auth: RequestAuth, fn: (q: Queryable) => Promise<T>): Promise<T> {
  return runAs(db, auth, fn);
}

export function machineInfo(): BenchResults['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}
