/**
 * CPU per request under load (issue 17 §4): a throwaway cluster with the small preset, then a GET
 * by primary key with autocannon (64 clients) against the stack with 1 and with N serving processes,
 * over loopback TCP and over the Unix-domain socket. Reports requests/s and the CPU time of the
 * stack's processes and of the Postgres server's processes per request (from /proc; Linux only),
 * and the same for `pgbench -S` (scale 1; its own CPU included). CPU per request holds up on a
 * busy machine far better than requests/s.
 *
 *   pnpm exec tsx tests/bench/tools/cpu-probe.ts [seconds] [workers]
 *   TRANSPORTS=tcp WORKERS=1 pnpm exec tsx tests/bench/tools/cpu-probe.ts 8   # one configuration
 *   PROFILE=/tmp/p TRANSPORTS=tcp WORKERS=1 pnpm exec tsx tests/bench/tools/cpu-probe.ts 8
 *     # also writes a CPU profile of the serving process during each measured run (/tmp/p-tcp-1.cpuprofile)
 *   PGBENCH=0 …   # skips the pgbench runs (the stack only)
 */
import { spawnSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres, prepareDatabase, projectPaths, startLocalSupabase, startThrowawayCluster } from '@tuoyu/local-supabase';
import { generate } from '../generator/index.ts';
import { runAutocannon } from '../scenarios/concurrency.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const seconds = Number(process.argv[2] ?? 8);
const many = Number(process.argv[3] ?? os.availableParallelism());
const TICK = 100; // USER_HZ

/** utime + stime in seconds; with `children`, plus that of its exited, waited-for children. */
function cpuOf(pid: number, children = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0)) / TICK;
  } catch {
    return 0;
  }
}
/** CPU time of a process's exited, waited-for children (the load generator), in seconds. */
function childrenCpuOf(pid: number): number {
  return cpuOf(pid, true) - cpuOf(pid);
}
/** System (kernel) time only, in seconds. */
function sysOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[12]) / TICK;
  } catch {
    return 0;
  }
}
function pidsWhere(test: (cmd: string, ppid: number) => boolean): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (test(cmd, ppid)) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

const cluster = await startThrowawayCluster({ database: 'probe' });
try {
  const db = await openPostgres({ connectionString: cluster.url });
  await prepareDatabase(db, projectPaths(repoRoot), { seed: 'never' });
  await generate(db, { preset: 'small' });
  const { rows } = await db.query<{ id: string }>(`select id from public.institutions where status = 'filed' order by id limit 1`);
  await db.close();
  const postmaster = Number(readFileSync(path.join(cluster.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  // The postmaster with its exited backends, and the live backends.
  const pgCpu = () => cpuOf(postmaster, true) + pidsWhere((_c, ppid) => ppid === postmaster).reduce((a, p) => a + cpuOf(p), 0);
  // TRANSPORTS=unix,tcp changes the order (the first measured runs on the least warmed-up JIT).
  const order = (process.env.TRANSPORTS ?? 'tcp,unix').split(',');
  const urls = { tcp: cluster.url, unix: cluster.socketUrl } as Record<string, string>;
  for (const [transport, url] of order.map((t) => [t, urls[t]!] as const)) {
    // WORKERS=1 measures only the single serving process.
    for (const workers of (process.env.WORKERS ?? `1,${many}`).split(',').map(Number)) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cpu-probe-'));
      const stack = await startLocalSupabase({ workdir: repoRoot, db: url, dataDir, port: 0, seed: 'never', log: false, workers });
      const target = `${stack.url}/rest/v1/institutions?select=id,name,type,status,affordable&id=eq.${rows[0]!.id}`;
      const stackPids = () => [process.pid, ...pidsWhere((_c, ppid) => ppid === process.pid && _c.includes('worker.ts'))];
      const args = ['--json', '--connections', '64', '--duration', String(seconds), '--headers', `apikey=${stack.anonKey}`, target];
      await runAutocannon([...args.slice(0, 3), '--duration', '5', ...args.slice(5)], 60_000); // warm up
      const profiler = process.env.PROFILE ? new Session() : undefined;
      if (profiler) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      const s0 = stackPids().reduce((a, p) => a + cpuOf(p), 0);
      const k0 = stackPids().reduce((a, p) => a + sysOf(p), 0);
      const p0 = pgCpu();
      const a0 = childrenCpuOf(process.pid);
      const r = await runAutocannon(args, (seconds + 30) * 1000);
      const a1 = childrenCpuOf(process.pid);
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        writeFileSync(`${process.env.PROFILE}-${transport}-${workers}.cpuprofile`, JSON.stringify(profile));
        profiler.disconnect();
      }
      const s1 = stackPids().reduce((a, p) => a + cpuOf(p), 0);
      const k1 = stackPids().reduce((a, p) => a + sysOf(p), 0);
      const p1 = pgCpu();
      const n = r.requests.total;
      console.log(
        `${transport} workers=${workers}: ${Math.round(n / seconds)} req/s, stack ${(((s1 - s0) / n) * 1e6).toFixed(0)} µs CPU/request (${(((k1 - k0) / n) * 1e6).toFixed(0)} in the kernel), postgres ${(((p1 - p0) / n) * 1e6).toFixed(0)} µs CPU/request, autocannon ${(((a1 - a0) / n) * 1e6).toFixed(0)} µs CPU/request, errors ${r.errors + r.non2xx}; load ${os.loadavg()[0]!.toFixed(1)}`,
      );
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const pgbench = path.join(cluster.binDir, 'pgbench');
  if (process.env.PGBENCH !== '0') spawnSync(pgbench, ['-i', '-q', '-s', '1', cluster.url], { stdio: 'ignore' });
  for (const [transport, url] of process.env.PGBENCH === '0' ? [] : ([['tcp', cluster.url], ['unix', cluster.socketUrl]] as const)) {
    const p0 = pgCpu();
    const out = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', pgbench, '-S', '-n', '-c', '64', '-j', '2', '-T', String(seconds), url], { encoding: 'utf8' });
    const p1 = pgCpu();
    const tps = Number(/tps = ([\d.]+)/.exec(out.stdout)?.[1]);
    const own = /CPU ([\d.]+) ([\d.]+)/.exec(out.stderr);
    const n = tps * seconds;
    const client = own ? Number(own[1]) + Number(own[2]) : NaN;
    console.log(
      `${transport} pgbench -S: ${Math.round(tps)} tps, pgbench ${((client / n) * 1e6).toFixed(0)} µs CPU/txn, postgres ${(((p1 - p0) / n) * 1e6).toFixed(0)} µs CPU/txn; load ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
} finally {
  cluster.destroy();
}
