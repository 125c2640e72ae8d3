/**
 * Where the gateway's latency goes (issue 17 §4): the gateway scenario's three targets on the small
 * preset, measured interleaved from the same client process (tests/bench/lib/http-client-child.mjs)
 * against
 *   - `http`: the stack (as the bench measures it),
 *   - `floor_sql`: a bare `node:http` server in this process that runs the request's recorded SQL
 *     (the direct replay) and answers with the stack's own answer (status, headers, body) — the
 *     HTTP hop plus the same database work, without the gateway (JWT, parse, plan, settings, JSON),
 *   - `floor`: the same bare server answering at once (no database): the HTTP round trip alone,
 *   - `direct`: the replay timed in this process (the bench's denominator),
 *   - `direct_child`: the replay timed in the client process (its own pool), for the other side's
 *     process pattern.
 * Reports p50s and the ratios to `direct`. `floor_sql ÷ direct` is the lowest loopback ratio any
 * Node server could reach with this client on this machine.
 *
 *   pnpm exec tsx tests/bench/tools/latency-probe.ts [iterations]
 *   PROFILE=/tmp/lat pnpm exec tsx tests/bench/tools/latency-probe.ts   # CPU profile of the HTTP-only loop
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres, startThrowawayCluster } from '@tuoyu/local-supabase';
import { generate } from '../generator/index.ts';
import { createContext } from '../lib/context.ts';
import { ProcessHttpClient } from '../lib/http-client-process.ts';
import { measureInterleaved } from '../lib/measure.ts';
import { FloorServer } from '../lib/floor-server.ts';
import { replay } from '../lib/recording-db.ts';
import { gatewayTargets } from '../scenarios/gateway.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const iterations = Number(process.argv[2] ?? 300);
const only = process.env.TARGETS?.split(',');

const cluster = await startThrowawayCluster({ database: 'latency' });
const ctx = await createContext({
  repoRoot,
  workdir: repoRoot,
  adminUrl: cluster.url,
  databaseUrl: cluster.url,
  settings: { measure: { warmup: 50, iterations, budgetMs: 120_000 }, connections: 16, durationSeconds: 5, buildMissing: false, pglitePreset: 'small' },
  log: (l) => console.log(l),
  load: (db) => generate(db, { preset: 'small' }),
});
const client = new ProcessHttpClient();
// The direct replay from a process of its own (direct-child.ts), for the HTTP client's process pattern.
const directChild = fork(fileURLToPath(new URL('./direct-child.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
let nextId = 0;
const waiting = new Map<number, (r: { elapsedMs?: number; error?: string }) => void>();
directChild.on('message', (r) => {
  const reply = r as { id: number; elapsedMs?: number; error?: string };
  waiting.get(reply.id)?.(reply);
  waiting.delete(reply.id);
});
const askChild = (msg: Record<string, unknown>) =>
  new Promise<{ elapsedMs: number }>((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, (r) => (r.error ? reject(new Error(r.error)) : resolve({ elapsedMs: r.elapsedMs ?? Number.NaN })));
    directChild.send({ id, ...msg });
  });
await askChild({ open: cluster.url });
// A second pool in this process, as small as the child's: its backends serve nothing else.
const pool2 = await openPostgres({ connectionString: cluster.url, max: 2 });
// The bare server: answers like the stack, after running the request's SQL (/sql…) or at once (/floor…).
const floor = new FloorServer(ctx.db);
await floor.listen();
try {
  for (const target of gatewayTargets(ctx)) {
    if (only && !only.includes(target.id)) continue;
    const { path: p, init } = target.request();
    const inProcess = async () => {
      const res = await ctx.stack.fetch(new Request(`${ctx.stack.url}${p}`, init));
      return res;
    };
    await inProcess();
    const statements = await ctx.recorder.record(inProcess);
    const res = await inProcess();
    const floorUrl = await floor.answer(`/floor${p}`, res.clone(), null);
    const floorSqlUrl = await floor.answer(`/sql${p}`, res, statements);
    await askChild({ key: target.id, statements });
    const viaChild = (url: string, lean = false) => async () => {
      const r = await client.request(url, init, lean);
      if (r.status >= 300) throw new Error(`${url}: ${r.status} ${r.text}`);
      return { elapsedMs: r.elapsedMs };
    };
    const profiler = process.env.PROFILE ? new Session() : undefined;
    const ops = [
      { id: 'http', run: viaChild(`${ctx.stack.url}${p}`) },
      { id: 'floor_sql', run: viaChild(floorSqlUrl) },
      { id: 'floor', run: viaChild(floorUrl) },
      { id: 'http_lean', run: viaChild(`${ctx.stack.url}${p}`, true) },
      { id: 'floor_sql_lean', run: viaChild(floorSqlUrl, true) },
      { id: 'floor_lean', run: viaChild(floorUrl, true) },
      { id: 'direct', run: () => replay(ctx.db, statements) },
      { id: 'direct_child', run: () => askChild({ key: target.id }) },
      { id: 'direct_pool2', run: () => replay(pool2, statements) },
    ];
    const stats = await measureInterleaved(ops, ctx.settings.measure);
    const d = stats.direct!.p50;
    console.log(
      `${target.id} (load ${os.loadavg()[0]!.toFixed(1)}): ` +
        Object.entries(stats)
          .map(([id, s]) => `${id} ${s.p50.toFixed(3)} ms${id === 'direct' ? '' : ` (${(s.p50 / d).toFixed(2)})`}`)
          .join(', '),
    );
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 50 });
      await profiler.post('Profiler.start');
      await measureInterleaved([ops[process.env.LEAN ? 3 : 0]!], ctx.settings.measure);
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(`${process.env.PROFILE}-${target.id}.cpuprofile`, JSON.stringify(profile));
      profiler.disconnect();
    }
  }
} finally {
  client.close();
  await askChild({ close: true }).catch(() => {});
  floor.close();
  await pool2.close();
  await ctx.stack.stop();
  await ctx.db.close();
  cluster.destroy();
}
