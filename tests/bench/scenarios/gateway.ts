/**
 * Gateway vs the same SQL run directly. The stack runs over a recording wrapper: one request is
 * recorded (every statement of its transaction, with parameters) and then replayed directly, so
 * both sides run identical SQL; the difference is the gateway (HTTP, JWT, parse, plan, JSON).
 * Sides, interleaved: in-process; loopback HTTP from a client in another process (timed there),
 * once with a minimal HTTP/1.1 client (`lean`: one write per request, the answer read by its
 * Content-Length — the goal's side) and once with node:http's client (whose own ClientRequest and
 * IncomingMessage machinery costs ≈0.1 ms per request here: the client's share, shown without a
 * goal); loopback HTTP with Node's fetch in this process (no goal); the floor — a bare node:http
 * server in this process running the same recorded SQL and answering the stack's answer, from
 * the lean client (lib/floor-server.ts; no goal: the lowest ratio any Node server could reach);
 * and the direct replay.
 */
import { measureInterleaved } from '../lib/measure.ts';
import { FloorServer } from '../lib/floor-server.ts';
import { ProcessHttpClient } from '../lib/http-client-process.ts';
import { replay } from '../lib/recording-db.ts';
import type { BenchContext, Scenario, ScenarioOutput } from '../lib/context.ts';
import type { RatioResult, ScenarioResult } from '../lib/results.ts';

export const GATEWAY_GOAL = 1.3;

interface Target {
  id: string;
  label: string;
  request: () => { path: string; init: { method?: string; headers: Record<string, string>; body?: string } };
}

export function gatewayTargets(ctx: BenchContext): Target[] {
  const county = ctx.personas.countyAdmin.regionCode;
  const point = ctx.personas.searchPoints[0] ?? { lat: 35.4154, lng: 116.5871 };
  const headers = (token: string, extra: Record<string, string> = {}) => ({ apikey: ctx.tokens.anon, Authorization: `Bearer ${token}`, ...extra });
  return [
    {
      id: 'list_embed_count',
      label: '机构列表 + 班级嵌入 + 精确计数（县管理员）',
      request: () => ({
        path: `/rest/v1/institutions?select=id,name,status,affordable,type,classes(id,class_type,capacity,enrolled)&county_code=eq.${county}&order=name.asc&limit=20&offset=0`,
        init: { headers: headers(ctx.tokens.countyAdmin, { Prefer: 'count=exact' }) },
      }),
    },
    {
      id: 'rpc_nearby',
      label: 'RPC nearby_institutions 3 km（匿名）',
      request: () => ({
        path: '/rest/v1/rpc/nearby_institutions',
        init: { method: 'POST', headers: headers(ctx.tokens.anon, { 'Content-Type': 'application/json' }), body: JSON.stringify({ lat: point.lat, lng: point.lng, radius_m: 3000 }) },
      }),
    },
    {
      id: 'rpc_permissions',
      label: 'RPC get_my_permissions（县管理员）',
      request: () => ({
        path: '/rest/v1/rpc/get_my_permissions',
        init: { method: 'POST', headers: headers(ctx.tokens.countyAdmin, { 'Content-Type': 'application/json' }), body: '{}' },
      }),
    },
  ];
}

async function consume(res: Response, what: string): Promise<void> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
}

export const gatewayScenario: Scenario = {
  id: 'gateway',
  label: 'gateway vs direct SQL',
  async run(ctx): Promise<ScenarioOutput> {
    const results: ScenarioResult[] = [];
    const ratios: RatioResult[] = [];
    const client = new ProcessHttpClient();
    const floor = new FloorServer(ctx.db);
    await floor.listen();
    try {
    for (const target of gatewayTargets(ctx)) {
      const inProcess = async () => {
        const { path, init } = target.request();
        await consume(await ctx.stack.fetch(new Request(`${ctx.stack.url}${path}`, init)), target.id);
      };
      const viaClient = (base: () => string, lean: boolean) => async () => {
        const { path, init } = target.request();
        const res = await client.request(`${base()}${path}`, init, lean);
        if (res.status >= 300) throw new Error(`${target.id}: HTTP ${res.status} ${res.text}`);
        return { elapsedMs: res.elapsedMs };
      };
      const http = viaClient(() => ctx.stack.url, false);
      const lean = viaClient(() => ctx.stack.url, true);
      const fetchHttp = async () => {
        const { path, init } = target.request();
        await consume(await fetch(`${ctx.stack.url}${path}`, init), target.id);
      };
      await inProcess(); // warm the schema cache before recording
      const statements = await ctx.recorder.record(inProcess);
      if (statements.length === 0) throw new Error(`${target.id}: recorded no SQL`);
      const sample = target.request();
      const floorUrl = (await floor.answer(sample.path, await ctx.stack.fetch(new Request(`${ctx.stack.url}${sample.path}`, sample.init)), statements)).slice(0, -sample.path.length);
      const stats = await measureInterleaved(
        [
          { id: 'gateway', run: inProcess },
          { id: 'gateway_lean', run: lean },
          { id: 'gateway_http', run: http },
          { id: 'floor', run: viaClient(() => floorUrl, true) },
          { id: 'gateway_fetch', run: fetchHttp },
          { id: 'direct', run: () => replay(ctx.db, statements) },
        ],
        ctx.settings.measure,
      );
      for (const side of ['gateway', 'gateway_lean', 'gateway_http', 'gateway_fetch', 'floor', 'direct'] as const) {
        const s = stats[side];
        if (s) results.push({ id: `gateway.${target.id}.${side}`, group: 'gateway', label: `${target.label} — ${side}`, stats: s });
      }
      const direct = stats.direct?.p50 ?? Number.NaN;
      const sideLabel = {
        gateway: 'in-process',
        gateway_lean: 'loopback HTTP (lean client, client process)',
        gateway_http: 'loopback HTTP (node:http client, client process)',
        gateway_fetch: 'loopback HTTP (Node fetch)',
        floor: 'floor: bare node:http server + the same SQL (lean client)',
      } as const;
      // The goal is the gateway's: the lean client's side. node:http's and fetch's clients add their
      // own client-side cost, and the floor is what no server can go below (shown, no goal).
      const withGoal = new Set(['gateway', 'gateway_lean']);
      for (const side of ['gateway', 'gateway_lean', 'gateway_http', 'gateway_fetch', 'floor'] as const) {
        const value = Math.round(((stats[side]?.p50 ?? Number.NaN) / direct) * 100) / 100;
        ratios.push({
          id: `gateway.${target.id}.${side}_vs_direct`,
          label: `${target.label}: ${sideLabel[side]} ÷ direct SQL`,
          numerator: `gateway.${target.id}.${side}`,
          denominator: `gateway.${target.id}.direct`,
          at: 'p50',
          value,
          ...(withGoal.has(side) ? { goal: GATEWAY_GOAL, pass: value <= GATEWAY_GOAL } : {}),
        });
      }
      ctx.log(
        `gateway ${target.id}: ${statements.length} statements; p50 in-process ${stats.gateway?.p50} ms, lean http ${stats.gateway_lean?.p50} ms, node:http ${stats.gateway_http?.p50} ms, fetch ${stats.gateway_fetch?.p50} ms, floor ${stats.floor?.p50} ms, direct ${direct} ms`,
      );
    }
    } finally {
      client.close();
      floor.close();
    }
    return { results, ratios };
  },
};
