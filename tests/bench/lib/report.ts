/** Console table and Markdown for results. */
import type { BenchResults } from './results.ts';

const f = (x: number | null | undefined, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));
const mark = (pass: boolean | undefined) => (pass === undefined ? '' : pass ? 'ok' : 'MISS');

function pad(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? '')))) ?? [];
  return rows.map((r) => r.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(c)))).join('  ')).join('\n');
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function consoleReport(r: BenchResults): string {
  const out: string[] = [];
  out.push(`preset ${r.preset}, seed ${r.seed}; ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB; Postgres ${r.database.serverVersion}`);
  if (r.machine.loadAverage) out.push(`load average: ${r.machine.loadAverage.start.join(' ')} at start, ${r.machine.loadAverage.end.join(' ')} at end`);
  if (r.load) out.push(`load: ${r.load.seconds.toFixed(1)} s — ${Object.entries(r.load.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push('', pad([['scenario', 'n', 'p50 ms', 'p95 ms', 'ops/s'], ...r.results.map((s) => [s.id, String(s.stats.n), f(s.stats.p50), f(s.stats.p95), f(s.stats.throughput, 1)])]));
  if (r.ratios.length) out.push('', pad([['ratio (p50)', 'value', 'goal', ''], ...r.ratios.map((x) => [x.id, f(x.value), x.goal === undefined ? '' : `≤ ${x.goal}`, mark(x.pass)])]));
  if (r.concurrency.length) {
    out.push('', pad([['concurrency', 'conns', 's', 'req/s', 'p50 ms', 'p95 ms*', 'p99 ms', 'errors'], ...r.concurrency.map((c) => [c.id, String(c.connections), String(c.durationSeconds), String(c.rps), f(c.p50, 1), f(c.p95, 1), f(c.p99, 1), String(c.errors + c.non2xx)])]));
    out.push('* autocannon reports p97.5; shown as p95 (conservative)');
  }
  if (r.checks.length) out.push('', pad([['check', 'value', 'goal', '', 'note'], ...r.checks.map((c) => [c.id, c.value === null ? 'n/a' : `${f(c.value, 1)} ${c.unit}`, c.goal === undefined ? '' : `${c.atLeast ? '≥' : '≤'} ${c.goal} ${c.unit}`, mark(c.pass), c.note ?? ''])]));
  for (const n of r.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

export function markdownReport(r: BenchResults): string {
  const out: string[] = [];
  out.push(`Run ${r.date} (${r.startedAt}), preset **${r.preset}**, seed ${r.seed}, ${r.durationSeconds.toFixed(0)} s in all.`);
  out.push(`Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, ${r.machine.platform}, Node ${r.machine.node}; database ${r.database.kind} ${r.database.serverVersion}.`);
  if (r.machine.loadAverage) out.push(`Load average (1/5/15 min): ${r.machine.loadAverage.start.join(' / ')} at start, ${r.machine.loadAverage.end.join(' / ')} at end.`);
  if (r.load) out.push(`Load: ${r.load.seconds.toFixed(1)} s (${r.load.regionSource}) — ${Object.entries(r.load.counts).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}.`);
  out.push('', '| ratio (p50) | value | goal | |', '|---|---:|---:|---|');
  for (const x of r.ratios) out.push(`| ${x.label} | ${f(x.value)} | ${x.goal === undefined ? '' : `≤ ${x.goal}`} | ${mark(x.pass)} |`);
  out.push('', '| check | value | goal | | note |', '|---|---:|---:|---|---|');
  for (const c of r.checks) out.push(`| ${c.label} | ${c.value === null ? 'n/a' : `${f(c.value, 1)} ${c.unit}`} | ${c.goal === undefined ? '' : `${c.atLeast ? '≥' : '≤'} ${c.goal} ${c.unit}`} | ${mark(c.pass)} | ${(c.note ?? '').replace(/\|/g, '/')} |`);
  if (r.concurrency.length) {
    out.push('', '| concurrency (loopback HTTP) | clients | seconds | req/s | p50 ms | p97.5 ms | errors |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const c of r.concurrency) out.push(`| ${c.label} | ${c.connections} | ${c.durationSeconds} | ${c.rps} | ${f(c.p50, 1)} | ${f(c.p95, 1)} | ${c.errors + c.non2xx} |`);
  }
  out.push('', '| scenario | n | p50 ms | p95 ms | ops/s |', '|---|---:|---:|---:|---:|');
  for (const s of r.results) out.push(`| ${s.label} | ${s.stats.n} | ${f(s.stats.p50)} | ${f(s.stats.p95)} | ${f(s.stats.throughput, 1)} |`);
  return out.join('\n');
}
