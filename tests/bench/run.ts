/**
 * pnpm bench [-- --preset small|medium|national] [--scenarios gateway,rls,nearby,concurrency,pglite,sizes]
 *            [--compare bench/results/<file>.json] [--seed N] [--iterations N] [--warmup N]
 *            [--connections N] [--duration S] [--no-build] [--out FILE] [--no-write]
 *            [--schema-ref GIT_REF] [--apply FILE.sql …] [--markdown]
 *
 * Runs on real Postgres 15: DATABASE_URL (an admin URL; a database tuoyu_bench_<preset> is created
 * on it) or a throwaway cluster from the installed binaries. Prints a table, writes
 * bench/results/<YYYY-MM-DD>.json, and with --compare warns about anything more than 20% worse.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, isPresetName } from './generator/index.ts';
import { runBench, SCENARIOS } from './lib/bench.ts';
import { consoleReport, markdownReport } from './lib/report.ts';
import { assertResultsShape, compareResults } from './lib/results.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    preset: { type: 'string', default: 'national' },
    scenarios: { type: 'string', default: SCENARIOS.map((s) => s.id).join(',') },
    compare: { type: 'string' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    iterations: { type: 'string' },
    warmup: { type: 'string', default: '20' },
    budget: { type: 'string', default: '60' },
    connections: { type: 'string', default: '16' },
    duration: { type: 'string', default: '10' },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    markdown: { type: 'boolean', default: false },
    'schema-ref': { type: 'string' },
    apply: { type: 'string', multiple: true },
    'unix-socket': { type: 'boolean', default: false },
  },
});

const preset = values.preset ?? 'national';
if (!isPresetName(preset)) {
  console.error(`未知的预设：${preset}（可选 small、medium、national）`);
  process.exit(2);
}
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

// --schema-ref REF: run on supabase/ as committed at REF (e.g. HEAD), not the working tree.
let workdir = repoRoot;
let cleanupWorkdir = () => {};
if (values['schema-ref']) {
  workdir = mkdtempSync(path.join(os.tmpdir(), 'tuoyu-bench-schema-'));
  const tar = execFileSync('git', ['archive', '--format=tar', values['schema-ref'], 'supabase'], { cwd: repoRoot, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', workdir], { input: tar });
  cleanupWorkdir = () => rmSync(workdir, { recursive: true, force: true });
  log(`schema from ${values['schema-ref']} (${execFileSync('git', ['rev-parse', '--short', values['schema-ref']], { cwd: repoRoot, encoding: 'utf8' }).trim()})`);
}

const results = await runBench({
  repoRoot,
  workdir,
  preset,
  seed: Number(values.seed),
  scenarios: (values.scenarios ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  adminUrl: process.env.DATABASE_URL || undefined,
  unixSocket: values['unix-socket'],
  settings: {
    measure: {
      warmup: Number(values.warmup),
      iterations: Number(values.iterations ?? (preset === 'small' ? 100 : 300)),
      budgetMs: Number(values.budget) * 1000,
    },
    connections: Number(values.connections),
    durationSeconds: Number(values.duration),
    buildMissing: !values['no-build'],
    pglitePreset: preset === 'small' ? 'small' : 'medium',
    applySql: (values.apply ?? []).map((f) => ({ file: f, sql: readFileSync(path.resolve(repoRoot, f), 'utf8') })),
  },
  log,
}).finally(cleanupWorkdir);
assertResultsShape(results);

console.log(`\n${consoleReport(results)}\n`);
if (values.markdown) console.log(`${markdownReport(results)}\n`);

if (values.compare) {
  const file = path.resolve(repoRoot, values.compare);
  if (!existsSync(file)) {
    console.error(`找不到比较基准文件：${file}`);
    process.exitCode = 2;
  } else {
    const previous: unknown = JSON.parse(readFileSync(file, 'utf8'));
    assertResultsShape(previous);
    const { lines, warnings } = compareResults(results, previous);
    console.log(`compared with ${path.relative(repoRoot, file)} (${previous.date}, preset ${previous.preset}):`);
    for (const line of lines) console.log(`  ${line}`);
    for (const w of warnings) console.warn(w);
    if (warnings.length === 0) console.log('no change worse than 20%');
  }
}

if (!values['no-write']) {
  const out = values.out ? path.resolve(repoRoot, values.out) : path.join(repoRoot, 'bench', 'results', `${results.date}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${path.relative(repoRoot, out)}`);
}
