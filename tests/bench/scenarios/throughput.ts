/**
 * Throughput of a GET by primary key through the stack over loopback HTTP (autocannon in a child
 * process, 16 and 64 clients), beside `pgbench -S` (its built-in select-only script: one SELECT by
 * primary key per transaction) with the same clients on the same server in the same run. The goal
 * is the stack serving at least a quarter of what pgbench gets from Postgres alone; each request
 * also runs the role/claims settings statement, as PostgREST does — here with the SELECT under one
 * Sync, one implicit transaction in one round trip (PostgREST adds BEGIN and COMMIT).
 *
 * Then the same load against a second stack over the same database serving from one process per
 * core (`workers`, the Postgres mode's option), beside the same pgbench figures.
 *
 * The load generator shares the machine's cores with the server, as pgbench's client does: pgbench
 * is C (≈10–15 µs of CPU per transaction here), autocannon is JavaScript (≈60–110 µs per request,
 * on the order of the stack's own cost). When `wrk` (C, Debian's `wrk` package) is on the PATH the
 * stack is loaded with it too, beside autocannon in the same run — like with like with pgbench.
 * Each generator's own CPU per request is reported (Linux: from /proc).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findPostgresBinDir, startLocalSupabase } from '@tuoyu/local-supabase';
import type { Scenario, ScenarioOutput } from '../lib/context.ts';
import type { CheckResult, ConcurrencyResult } from '../lib/results.ts';
import { runAutocannon } from './concurrency.ts';

export const THROUGHPUT_GOAL_PERCENT = 25;
const CLIENTS = [16, 64];

function run(bin: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(bin)} exited ${code}: ${out.slice(-600)}`));
    });
  });
}

/** CPU seconds of this process's exited children (the load generators), NaN where /proc is missing. */
function childrenCpu(): number {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[13]) + Number(f[14])) / 100; // cutime + cstime, USER_HZ
  } catch {
    return Number.NaN;
  }
}

/** `wrk` on the PATH (C, one thread per core), or undefined. */
function findWrk(): string | undefined {
  const r = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return r.error ? undefined : 'wrk';
}

/** wrk's report: total requests, seconds, p50 (ms), non-2xx answers and socket errors. */
export function parseWrk(out: string): { requests: number; seconds: number; p50: number; p99: number; non2xx: number; errors: number } {
  const total = /(\d+) requests in ([\d.]+)(ms|s|m)\b/.exec(out);
  if (!total) throw new Error(`throughput: cannot read wrk's report: ${out.slice(-400)}`);
  const unit = { ms: 0.001, s: 1, m: 60 }[total[3] as 'ms' | 's' | 'm'];
  const ms = (label: string): number => {
    const m = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as 'us' | 'ms' | 's'] : Number.NaN;
  };
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requests: Number(total[1]),
    seconds: Number(total[2]) * unit,
    p50: Math.round(ms('50') * 100) / 100,
    p99: Math.round(ms('99') * 100) / 100,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    errors: sock ? sock.slice(1).reduce((a, x) => a + Number(x), 0) : 0,
  };
}

export const throughputScenario: Scenario = {
  id: 'throughput',
  label: 'GET by primary key: requests/s beside pgbench -S',
  async run(ctx): Promise<ScenarioOutput> {
    const url = new URL(ctx.stack.url);
    if (url.hostname !== '127.0.0.1') throw new Error(`refusing to load ${url.hostname}: loopback only`);
    const seconds = Math.min(60, Math.max(1, ctx.settings.durationSeconds));
    const { rows } = await ctx.db.query<{ id: string }>(
      `select id from public.institutions where status = 'filed' order by id limit 1`,
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('throughput: no filed institution');
    const targetPath = `/rest/v1/institutions?select=id,name,type,status,affordable&id=eq.${id}`;
    const binDir = findPostgresBinDir();
    const pgbench = binDir ? path.join(binDir, 'pgbench') : undefined;
    const concurrency: ConcurrencyResult[] = [];
    const checks: CheckResult[] = [];
    const notes: string[] = [];
    if (pgbench) {
      // Scale 10 (1,000,000 accounts) in the benchmark database itself; dropped at the end.
      await run(pgbench, ['-i', '-q', '-s', '10', '-I', 'dtgvp', ctx.databaseUrl], 300_000);
    } else {
      notes.push('throughput: no pgbench binary (install postgresql-15 or run with its bin folder on the usual paths); the ratio is not measured');
    }
    const tpsByClients = new Map<number, number>();
    const wrk = findWrk();
    if (!wrk) notes.push('throughput: no wrk on the PATH (Debian: apt-get install wrk); the stack is loaded with autocannon only');
    const cpuNote = (generator: string, cpu: number, requests: number) => {
      if (Number.isFinite(cpu) && requests > 0) notes.push(`throughput: ${generator} used ${Math.round((cpu / requests) * 1e6)} µs CPU per request`);
    };
    /** The same load from wrk (C): 2 threads, keep-alive, the same header and URL. */
    const loadWrk = async (base: string, clients: number, id_: string, label: string) => {
      const cpu0 = childrenCpu();
      const out = await run(wrk!, ['-t', '2', '-c', String(clients), '-d', `${seconds}s`, '--latency', '-H', `apikey: ${ctx.tokens.anon}`, `${base}${targetPath}`], (seconds + 30) * 1000);
      const r = parseWrk(out);
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`throughput (wrk): ${r.non2xx} non-2xx responses and ${r.errors} socket errors`);
      cpuNote(`wrk × ${clients}`, childrenCpu() - cpu0, r.requests);
      const rps = Math.round(r.requests / r.seconds);
      // wrk reports p50/75/90/99: p99 stands in the p95 column (conservative, as autocannon's p97.5 does).
      concurrency.push({ id: id_, label, connections: clients, durationSeconds: seconds, requests: r.requests, rps, p50: r.p50, p95: r.p99, p99: r.p99, errors: r.errors, non2xx: r.non2xx });
      return { rps, p50: r.p50 };
    };
    const load = async (base: string, clients: number, id_: string, label: string) => {
      const cpu0 = childrenCpu();
      const r = await runAutocannon(
        ['--json', '--connections', String(clients), '--duration', String(seconds), '--headers', `apikey=${ctx.tokens.anon}`, `${base}${targetPath}`],
        (seconds + 30) * 1000,
      );
      if (r.non2xx > 0 || r.errors > 0) {
        const statuses = (r as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
        throw new Error(`throughput: ${r.non2xx} non-2xx responses and ${r.errors} errors (statuses ${Object.entries(statuses).map(([s, v]) => `${s} × ${v.count}`).join(', ')})`);
      }
      cpuNote(`autocannon × ${clients}`, childrenCpu() - cpu0, r.requests.total);
      const rps = Math.round(r.requests.total / (r.duration || seconds));
      concurrency.push({
        id: id_,
        label,
        connections: clients,
        durationSeconds: seconds,
        requests: r.requests.total,
        rps,
        p50: r.latency.p50,
        p95: r.latency.p97_5,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
      });
      return { rps, p50: r.latency.p50 };
    };
    const versus = (idPart: string, labelPart: string, clients: number, rps: number) => {
      const tps = tpsByClients.get(clients);
      if (!tps) return;
      const percent = Math.round((rps / tps) * 1000) / 10;
      checks.push({
        id: `throughput.${idPart}_vs_pgbench.c${clients}`,
        label: `${labelPart} req/s ÷ pgbench -S tps × ${clients} 并发`,
        value: percent,
        unit: '%',
        goal: THROUGHPUT_GOAL_PERCENT,
        atLeast: true,
        pass: percent >= THROUGHPUT_GOAL_PERCENT,
        note: `${rps} req/s ÷ ${Math.round(tps)} tps`,
      });
    };
    try {
      for (const clients of CLIENTS) {
        const { rps, p50 } = await load(ctx.stack.url, clients, `throughput.get_by_pk.c${clients}`, `按主键读取一个机构（匿名） × ${clients} 并发`);
        ctx.log(`throughput get_by_pk × ${clients}: ${rps} req/s (p50 ${p50} ms)`);
        const native = wrk ? await loadWrk(ctx.stack.url, clients, `throughput.get_by_pk_wrk.c${clients}`, `按主键读取一个机构（匿名，wrk） × ${clients} 并发`) : undefined;
        if (native) ctx.log(`throughput get_by_pk (wrk) × ${clients}: ${native.rps} req/s (p50 ${native.p50} ms)`);
        if (!pgbench) continue;
        const out = await run(pgbench, ['-S', '-n', '-c', String(clients), '-j', '2', '-T', String(seconds), ctx.databaseUrl], (seconds + 60) * 1000);
        const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
        if (!Number.isFinite(tps) || tps <= 0) throw new Error(`throughput: cannot read pgbench's tps from: ${out.slice(-400)}`);
        ctx.log(`throughput pgbench -S × ${clients}: ${Math.round(tps)} tps`);
        tpsByClients.set(clients, tps);
        checks.push({ id: `throughput.pgbench_select_only.c${clients}`, label: `pgbench -S × ${clients} 并发（同一数据库）`, value: Math.round(tps), unit: 'rps' });
        versus('get_by_pk', '按主键读取', clients, rps);
        if (native) versus('get_by_pk_wrk', '按主键读取（wrk 施压）', clients, native.rps);
      }
      // The same requests served by one process per core (`workers`), over the same database.
      const workers = os.availableParallelism();
      if (workers > 1) {
        const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tuoyu-bench-workers-'));
        const multi = await startLocalSupabase({ workdir: ctx.workdir, db: ctx.databaseUrl, dataDir, port: 0, host: '127.0.0.1', seed: 'never', log: false, workers });
        try {
          for (const clients of CLIENTS) {
            const { rps, p50 } = await load(multi.url, clients, `throughput.get_by_pk_workers.c${clients}`, `按主键读取一个机构（匿名，${workers} 个服务进程） × ${clients} 并发`);
            ctx.log(`throughput get_by_pk, ${workers} serving processes × ${clients}: ${rps} req/s (p50 ${p50} ms)`);
            versus('get_by_pk_workers', `按主键读取（${workers} 个服务进程）`, clients, rps);
          }
        } finally {
          await multi.stop();
          rmSync(dataDir, { recursive: true, force: true });
        }
      } else {
        notes.push('throughput: one core available; the several-process stack (workers) is not measured');
      }
    } finally {
      if (pgbench) await run(pgbench, ['-i', '-I', 'd', ctx.databaseUrl], 60_000).catch(() => {});
    }
    return { concurrency, checks, notes };
  },
};
