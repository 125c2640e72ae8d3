/** The results file (bench/results/<date>.json): its shape, and comparison with an earlier run. */
import type { Stats } from './measure.ts';

export const RESULTS_VERSION = 1;

export interface ScenarioResult {
  /** Stable id used to compare runs, e.g. `gateway.list_embed_count.gateway`. */
  id: string;
  group: string;
  label: string;
  stats: Stats;
}

export interface RatioResult {
  id: string;
  label: string;
  /** Scenario ids; value = numerator p50 ÷ denominator p50 (or p95 when `at` says so). */
  numerator: string;
  denominator: string;
  at: 'p50' | 'p95';
  value: number;
  goal?: number;
  pass?: boolean;
}

/** A single value with a goal (nearby p95 at the database, bundle sizes). */
export interface CheckResult {
  id: string;
  label: string;
  value: number | null;
  unit: 'ms' | 'KB' | 'rps' | '%';
  goal?: number;
  /** The goal is a minimum (value ≥ goal); otherwise a maximum. */
  atLeast?: boolean;
  pass?: boolean;
  note?: string;
}

export interface ConcurrencyResult {
  id: string;
  label: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface BenchResults {
  version: typeof RESULTS_VERSION;
  date: string;
  startedAt: string;
  durationSeconds: number;
  preset: string;
  seed: number;
  scenarios: string[];
  machine: { cpus: number; cpuModel: string; memoryGiB: number; platform: string; node: string; /** 1/5/15-minute load averages at start and end: a shared machine's noise. */ loadAverage?: { start: number[]; end: number[] } };
  database: { kind: string; serverVersion: string; settings: Record<string, string> };
  load: { seconds: number; regionSource: string; counts: Record<string, number> } | null;
  results: ScenarioResult[];
  ratios: RatioResult[];
  checks: CheckResult[];
  concurrency: ConcurrencyResult[];
  notes: string[];
}

export interface Comparison {
  lines: string[];
  warnings: string[];
}

const WORSE = 0.2;

/** Compare with an earlier run: every latency, ratio or throughput more than 20% worse is a warning. */
export function compareResults(current: BenchResults, previous: BenchResults): Comparison {
  const lines: string[] = [];
  const warnings: string[] = [];
  const note = (label: string, before: number, after: number, higherIsBetter: boolean) => {
    if (!Number.isFinite(before) || !Number.isFinite(after) || before === 0) return;
    const change = (after - before) / before;
    const worse = higherIsBetter ? -change : change;
    const line = `${label}: ${fmt(before)} → ${fmt(after)} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%)`;
    lines.push(line);
    if (worse > WORSE) warnings.push(`WARNING worse by more than 20%: ${line}`);
  };
  const prevResults = new Map(previous.results.map((r) => [r.id, r]));
  for (const r of current.results) {
    const p = prevResults.get(r.id);
    if (!p) continue;
    note(`${r.id} p50 ms`, p.stats.p50, r.stats.p50, false);
    note(`${r.id} p95 ms`, p.stats.p95, r.stats.p95, false);
  }
  const prevRatios = new Map(previous.ratios.map((r) => [r.id, r]));
  for (const r of current.ratios) {
    const p = prevRatios.get(r.id);
    if (p) note(`${r.id} ratio`, p.value, r.value, false);
  }
  const prevConc = new Map(previous.concurrency.map((r) => [r.id, r]));
  for (const r of current.concurrency) {
    const p = prevConc.get(r.id);
    if (!p) continue;
    note(`${r.id} requests/s`, p.rps, r.rps, true);
    note(`${r.id} p95 ms`, p.p95, r.p95, false);
  }
  const prevChecks = new Map(previous.checks.map((r) => [r.id, r]));
  for (const c of current.checks) {
    const p = prevChecks.get(c.id);
    if (p && p.value !== null && c.value !== null) note(`${c.id} ${c.unit}`, p.value, c.value, c.unit === 'rps' || c.atLeast === true);
  }
  if (previous.preset !== current.preset) warnings.unshift(`note: comparing preset ${current.preset} with ${previous.preset}`);
  return { lines, warnings };
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** Validate the parts of a results file that compare and README rendering rely on. */
export function assertResultsShape(value: unknown): asserts value is BenchResults {
  const v = value as Partial<BenchResults> | null;
  const problems: string[] = [];
  if (!v || typeof v !== 'object') throw new Error('results: not an object');
  if (v.version !== RESULTS_VERSION) problems.push('version');
  if (typeof v.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.date)) problems.push('date');
  for (const key of ['results', 'ratios', 'checks', 'concurrency', 'notes'] as const) if (!Array.isArray(v[key])) problems.push(key);
  for (const r of v.results ?? []) {
    if (typeof r.id !== 'string' || !r.stats || !(r.stats.n > 0) || !Number.isFinite(r.stats.p50) || !Number.isFinite(r.stats.p95)) problems.push(`result ${r.id}`);
  }
  for (const r of v.ratios ?? []) if (typeof r.id !== 'string' || !Number.isFinite(r.value)) problems.push(`ratio ${r.id}`);
  if (problems.length) throw new Error(`results file has a bad shape: ${problems.join(', ')}`);
}
