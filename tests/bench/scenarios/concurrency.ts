/**
 * N clients over loopback HTTP against the running stack, with autocannon in a child process (so
 * the load generator does not share the server's event loop). 127.0.0.1 only; bounded in
 * connections and seconds.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Scenario, ScenarioOutput } from '../lib/context.ts';
import type { ConcurrencyResult } from '../lib/results.ts';
import { gatewayTargets } from './gateway.ts';

const MAX_CONNECTIONS = 64;
const MAX_SECONDS = 60;

interface AutocannonJson {
  requests: { total: number; average: number };
  latency: { p50: number; p97_5: number; p99: number; p90: number };
  errors: number;
  non2xx: number;
  duration: number;
}

export function runAutocannon(args: string[], timeoutMs: number): Promise<AutocannonJson> {
  const require = createRequire(import.meta.url);
  const bin = require.resolve('autocannon/autocannon.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        if (code !== 0) throw new Error(`autocannon exited ${code}: ${err.slice(-500)}`);
        resolve(JSON.parse(out) as AutocannonJson);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

export const concurrencyScenario: Scenario = {
  id: 'concurrency',
  label: 'concurrent clients over loopback HTTP',
  async run(ctx): Promise<ScenarioOutput> {
    const url = new URL(ctx.stack.url);
    if (url.hostname !== '127.0.0.1') throw new Error(`refusing to load ${url.hostname}: loopback only`);
    const connections = Math.min(MAX_CONNECTIONS, Math.max(1, ctx.settings.connections));
    const seconds = Math.min(MAX_SECONDS, Math.max(1, ctx.settings.durationSeconds));
    const concurrency: ConcurrencyResult[] = [];
    for (const target of gatewayTargets(ctx).filter((t) => t.id !== 'rpc_permissions')) {
      const { path, init } = target.request();
      const args = ['--json', '--connections', String(connections), '--duration', String(seconds), '--method', init.method ?? 'GET'];
      for (const [k, v] of Object.entries(init.headers as Record<string, string>)) args.push('--headers', `${k}=${v}`);
      if (typeof init.body === 'string') args.push('--body', init.body);
      args.push(`${ctx.stack.url}${path}`);
      const r = await runAutocannon(args, (seconds + 30) * 1000);
      // autocannon reports p97.5, not p95: use p97.5 as a conservative p95 (its histogram has no p95 bucket).
      concurrency.push({
        id: `concurrency.${target.id}`,
        label: `${target.label} × ${connections} 并发`,
        connections,
        durationSeconds: seconds,
        requests: r.requests.total,
        rps: Math.round(r.requests.total / (r.duration || seconds)),
        p50: r.latency.p50,
        p95: r.latency.p97_5,
        p99: r.latency.p99,
        errors: r.errors,
        non2xx: r.non2xx,
      });
      ctx.log(`concurrency ${target.id}: ${Math.round(r.requests.total / (r.duration || seconds))} req/s, p50 ${r.latency.p50} ms, p97.5 ${r.latency.p97_5} ms, non2xx ${r.non2xx}, errors ${r.errors}`);
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${target.id}: ${r.non2xx} non-2xx responses and ${r.errors} errors under load`);
    }
    return { concurrency };
  },
};
