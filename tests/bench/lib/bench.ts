/** One benchmark run: database, load, stack, scenarios → BenchResults. */
import os from 'node:os';
import pg from 'pg';
import { startThrowawayCluster, type ThrowawayCluster } from '@tuoyu/local-supabase';
import { generate, type PresetName } from '../generator/index.ts';
import { createContext, machineInfo, type BenchSettings, type Scenario } from './context.ts';
import { closeLeanClient } from './http-client.ts';
import { RESULTS_VERSION, type BenchResults } from './results.ts';
import { gatewayScenario } from '../scenarios/gateway.ts';
import { rlsScenario } from '../scenarios/rls.ts';
import { nearbyScenario } from '../scenarios/nearby.ts';
import { throughputScenario } from '../scenarios/throughput.ts';
import { concurrencyScenario } from '../scenarios/concurrency.ts';
import { pgliteScenario } from '../scenarios/pglite.ts';
import { indicatorsScenario } from '../scenarios/indicators.ts';
import { sizesScenario } from '../scenarios/sizes.ts';

export const SCENARIOS: Scenario[] = [gatewayScenario, rlsScenario, nearbyScenario, indicatorsScenario, concurrencyScenario, throughputScenario, pgliteScenario, sizesScenario];

export interface BenchOptions {
  repoRoot: string;
  /** Project folder whose supabase/ (migrations, functions) the run uses; default repoRoot. */
  workdir?: string;
  preset: PresetName;
  seed: number;
  scenarios: string[];
  /** An admin URL of a Postgres server; default: a throwaway cluster. */
  adminUrl?: string;
  /** Connect to the throwaway cluster over its Unix-domain socket instead of loopback TCP. */
  unixSocket?: boolean;
  settings: BenchSettings;
  log: (line: string) => void;
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const started = Date.now();
  const { log } = options;
  const unknown = options.scenarios.filter((s) => !SCENARIOS.some((x) => x.id === s));
  if (unknown.length) throw new Error(`unknown scenarios: ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);

  let cluster: ThrowawayCluster | undefined;
  let adminUrl = options.adminUrl;
  if (!adminUrl) {
    log('starting a throwaway Postgres cluster…');
    cluster = await startThrowawayCluster();
    adminUrl = options.unixSocket ? cluster.socketUrl : cluster.url;
    if (options.unixSocket) log('connecting over the cluster\'s Unix-domain socket');
  }
  try {
    return await runOn(adminUrl, options, started);
  } finally {
    cluster?.destroy();
  }
}

async function runOn(adminUrl: string, options: BenchOptions, started: number): Promise<BenchResults> {
  const { log } = options;
  const dbName = `tuoyu_bench_${options.preset}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const serverVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?';
  const settings: Record<string, string> = {};
  for (const name of ['shared_buffers', 'work_mem', 'effective_cache_size', 'jit', 'fsync', 'max_parallel_workers_per_gather']) {
    settings[name] = (await admin.query<Record<string, string>>(`show ${name}`)).rows[0]?.[name] ?? '?';
  }
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.query(`create database "${dbName}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;

  const results: BenchResults = {
    version: RESULTS_VERSION,
    date: new Date(started).toISOString().slice(0, 10),
    startedAt: new Date(started).toISOString(),
    durationSeconds: 0,
    preset: options.preset,
    seed: options.seed,
    scenarios: options.scenarios,
    machine: { ...machineInfo(), loadAverage: { start: os.loadavg().map((x) => Math.round(x * 100) / 100), end: [] } },
    database: { kind: 'postgres', serverVersion, settings },
    load: null,
    results: [],
    ratios: [],
    checks: [],
    concurrency: [],
    notes: [],
  };

  const ctx = await createContext({
    repoRoot: options.repoRoot,
    workdir: options.workdir ?? options.repoRoot,
    adminUrl,
    databaseUrl: url.toString(),
    settings: options.settings,
    log,
    load: async (db) => {
      log(`generating preset ${options.preset} (seed ${options.seed})…`);
      const load = await generate(db, { preset: options.preset, seed: options.seed, repoRoot: options.repoRoot, log });
      log(`loaded in ${load.seconds.toFixed(1)} s`);
      return load;
    },
  });
  for (const extra of options.settings.applySql ?? []) results.notes.push(`applied on top of the migrations: ${extra.file}`);
  results.load = { seconds: ctx.load.seconds, regionSource: ctx.load.regionSource, counts: ctx.load.counts };
  results.notes.push(
    `personas: county admin of ${ctx.personas.countyAdmin.regionName} (${ctx.personas.countyAdmin.regionCode}), city admin of ${ctx.personas.cityAdmin.regionName} (${ctx.personas.cityAdmin.regionCode})`,
  );
  try {
    for (const scenario of SCENARIOS.filter((s) => options.scenarios.includes(s.id))) {
      log(`— ${scenario.label}`);
      const out = await scenario.run(ctx);
      results.results.push(...(out.results ?? []));
      results.ratios.push(...(out.ratios ?? []));
      results.checks.push(...(out.checks ?? []));
      results.concurrency.push(...(out.concurrency ?? []));
      results.notes.push(...(out.notes ?? []));
    }
  } finally {
    await ctx.stack.stop();
    closeLeanClient();
    await ctx.db.close();
  }
  results.durationSeconds = (Date.now() - started) / 1000;
  if (results.machine.loadAverage) results.machine.loadAverage.end = os.loadavg().map((x) => Math.round(x * 100) / 100);
  return results;
}
