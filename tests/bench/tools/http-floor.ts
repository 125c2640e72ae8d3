/**
 * The floor of a Node HTTP answer on this machine (issue 17 §4): a bare `node:http` server that
 * answers every request with a fixed 150-byte JSON body (no routing, no auth, no database), loaded
 * like the throughput scenario (autocannon in a child process, 64 clients, keep-alive). Reports
 * requests/s and the server process's CPU time per request (from /proc) — what any Node server
 * spends before doing anything, to compare with the stack's CPU per request (`cpu-probe.ts`).
 *
 *   pnpm exec tsx tests/bench/tools/http-floor.ts [seconds]
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { runAutocannon } from '../scenarios/concurrency.ts';

const seconds = Number(process.argv[2] ?? 8);
const TICK = 100; // USER_HZ
const stat = () => readFileSync(`/proc/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
const cpu = () => (Number(stat()[11]) + Number(stat()[12])) / TICK;
const sys = () => Number(stat()[12]) / TICK;
const body = JSON.stringify([{ id: '00000000-0000-4000-8000-000000000001', name: '示例托育机构', type: 'center', status: 'filed', affordable: true }]);
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/v1/institutions?id=eq.1`;
try {
  await runAutocannon(['--json', '--connections', '64', '--duration', '5', url], 60_000); // warm up
  const c0 = cpu();
  const k0 = sys();
  const r = await runAutocannon(['--json', '--connections', '64', '--duration', String(seconds), url], (seconds + 30) * 1000);
  const n = r.requests.total;
  console.log(`bare node:http: ${Math.round(n / seconds)} req/s, server ${(((cpu() - c0) / n) * 1e6).toFixed(0)} µs CPU/request (${(((sys() - k0) / n) * 1e6).toFixed(0)} in the kernel); load ${os.loadavg()[0]!.toFixed(1)}`);
} finally {
  server.close();
}
