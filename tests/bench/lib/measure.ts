/** Timing primitives: percentiles, and side-by-side (interleaved) measurement of several operations. */

export interface Stats {
  /** Completed iterations. */
  n: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
  /** Sequential operations per second (1000 / mean). */
  throughput: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // nearest-rank
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarize(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    mean: round(mean),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    throughput: sorted.length ? Math.round((1000 / mean) * 10) / 10 : 0,
  };
}

export interface Op {
  id: string;
  /**
   * Run once; the `i` lets an operation vary its input deterministically (e.g. search points).
   * An operation timed elsewhere (a client in another process) returns `{ elapsedMs }`, which is
   * recorded instead of the time the call took here.
   */
  run: (i: number) => Promise<unknown>;
}

export interface MeasureOptions {
  warmup: number;
  iterations: number;
  /** Stop early (with fewer iterations) once this much time has passed. */
  budgetMs: number;
}

function selfTimed(out: unknown): number | null {
  if (typeof out !== 'object' || out === null || !('elapsedMs' in out)) return null;
  const ms = (out as { elapsedMs: unknown }).elapsedMs;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : null;
}

/**
 * Measure several operations side by side: every round runs each op once, in a rotating order
 * (A B, B A, …), so drift in the machine (other processes, caches, autovacuum) hits all of them
 * alike. Warm-up rounds run first and are not recorded.
 */
export async function measureInterleaved(ops: Op[], options: MeasureOptions): Promise<Record<string, Stats>> {
  for (let i = 0; i < options.warmup; i++) for (const op of ops) await op.run(i);
  const samples: Record<string, number[]> = Object.fromEntries(ops.map((o) => [o.id, []]));
  const started = performance.now();
  for (let i = 0; i < options.iterations; i++) {
    for (let k = 0; k < ops.length; k++) {
      const op = ops[(i + k) % ops.length];
      if (!op) continue;
      const t = performance.now();
      const out = await op.run(i);
      const own = performance.now() - t;
      samples[op.id]?.push(selfTimed(out) ?? own);
    }
    if (performance.now() - started > options.budgetMs) break;
  }
  return Object.fromEntries(Object.entries(samples).map(([id, s]) => [id, summarize(s)]));
}
