/** Nearby search at the database: nearby_institutions as anon, ≈1 km and 3 km, from many points. */
import { asPersona, type Scenario, type ScenarioOutput } from '../lib/context.ts';
import { measureInterleaved } from '../lib/measure.ts';
import type { CheckResult, ScenarioResult } from '../lib/results.ts';

export const NEARBY_P95_GOAL_MS = 20;
export const NEARBY_SQL = 'select * from public.nearby_institutions(lat => $1, lng => $2, radius_m => $3)';

export const nearbyScenario: Scenario = {
  id: 'nearby',
  label: 'nearby search at the database',
  async run(ctx): Promise<ScenarioOutput> {
    const points = ctx.personas.searchPoints;
    if (points.length === 0) throw new Error('no search points');
    const results: ScenarioResult[] = [];
    const checks: CheckResult[] = [];
    const found: Record<string, number[]> = { r1000: [], r3000: [] };
    const op = (radius: number) => async (i: number) => {
      const p = points[i % points.length] ?? points[0];
      if (!p) return;
      const { rows } = await asPersona(ctx.db, ctx.auth.anon, (q) => q.query(NEARBY_SQL, [p.lat, p.lng, radius]));
      found[`r${radius}`]?.push(rows.length);
    };
    const stats = await measureInterleaved([{ id: 'r1000', run: op(1000) }, { id: 'r3000', run: op(3000) }], ctx.settings.measure);
    for (const [id, radius] of [['r1000', 1000], ['r3000', 3000]] as const) {
      const s = stats[id];
      if (!s) continue;
      const rows = found[id] ?? [];
      const avg = rows.reduce((a, b) => a + b, 0) / Math.max(1, rows.length);
      results.push({ id: `nearby.${id}`, group: 'nearby', label: `附近机构 ${radius / 1000} km（平均 ${avg.toFixed(1)} 条）`, stats: s });
      checks.push({
        id: `nearby.${id}.p95`,
        label: `nearby ${radius / 1000} km p95 at the database`,
        value: s.p95,
        unit: 'ms',
        goal: NEARBY_P95_GOAL_MS,
        pass: s.p95 <= NEARBY_P95_GOAL_MS,
        note: `${points.length} points, ${avg.toFixed(1)} results on average`,
      });
      ctx.log(`nearby ${radius} m: p50 ${s.p50} ms, p95 ${s.p95} ms, ${avg.toFixed(1)} rows`);
    }
    return { results, checks };
  },
};
