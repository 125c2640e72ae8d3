/**
 * Gateway vs the same SQL run directly. The stack runs over a recording wrapper: one request is
 * recorded (every statement of its transaction, with parameters) and then replayed directly, so
 * both sides run identical SQL; the difference is the gateway (HTTP, JWT, parse, plan, JSON).
 * Four sides, interleaved: in-process, loopback HTTP from a lean node:http client in another
 * process (timed there), loopback HTTP with Node's fetch in this process (its client-side cost
 * shown, no goal), direct replay.
 */
import { measureInterleaved } from '../lib/measure.ts';
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
    try {
    for (const target of gatewayTargets(ctx)) {
      const inProcess = async () => {
        const { path, init } = target.request();
        await consume(await ctx.stack.fetch(new Request(`${ctx.stack.url}${path}`, init)), target.id);
      };
      const http = async () => {
        const { path, init } = target.request();
        const res = await client.request(`${ctx.stack.url}${path}`, init);
        if (res.status >= 300) throw new Error(`${target.id}: HTTP ${res.status} ${res.text}`);
        return { elapsedMs: res.elapsedMs };
      };
      const fetchHttp = async () => {
        const { path, init } = target.request();
        await consume(await fetch(`${ctx.stack.url}${path}`, init), target.id);
      };
      await inProcess(); // warm the schema cache before recording
      const statements = await ctx.recorder.record(inProcess);
      if (statements.length === 0) throw new Error(`${target.id}: recorded no SQL`);
      const stats = await measureInterleaved(
        [
          { id: 'gateway', run: inProcess },
          { id: 'gateway_http', run: http },
          { id: 'gateway_fetch', run: fetchHttp },
          { id: 'direct', run: () => replay(ctx.db, statements) },
        ],
        ctx.settings.measure,
      );
      for (const side of ['gateway', 'gateway_http', 'gateway_fetch', 'direct'] as const) {
        const s = stats[side];
        if (s) results.push({ id: `gateway.${target.id}.${side}`, group: 'gateway', label: `${target.label} — ${side}`, stats: s });
      }
      const direct = stats.direct?.p50 ?? Number.NaN;
      const sideLabel = { gateway: 'in-process', gateway_http: 'loopback HTTP (node:http, client process)', gateway_fetch: 'loopback HTTP (Node fetch)' } as const;
      for (const side of ['gateway', 'gateway_http', 'gateway_fetch'] as const) {
        const value = Math.round(((stats[side]?.p50 ?? Number.NaN) / direct) * 100) / 100;
        ratios.push({
          id: `gateway.${target.id}.${side}_vs_direct`,
          label: `${target.label}: ${sideLabel[side]} ÷ direct SQL`,
          numerator: `gateway.${target.id}.${side}`,
          denominator: `gateway.${target.id}.direct`,
          at: 'p50',
          value,
          // The goal is the gateway's; Node's fetch adds its own client-side cost (shown, no goal).
          ...(side === 'gateway_fetch' ? {} : { goal: GATEWAY_GOAL, pass: value <= GATEWAY_GOAL }),
        });
      }
      ctx.log(`gateway ${target.id}: ${statements.length} statements; p50 in-process ${stats.gateway?.p50} ms, http ${stats.gateway_http?.p50} ms, fetch ${stats.gateway_fetch?.p50} ms, direct ${direct} ms`);
    }
    } finally {
      client.close();
    }
    return { results, ratios };
  },
};
