/**
 * Indicators (issue 15): region_indicators() for the busiest county's province, city and county:
 * as the province's admin (every figure, staff and placements included), as that city's admin (the
 * province's figures are the public ones for them) and as anon. Goal: province level p95 ≤ 200 ms
 * at the database, for each of them.
 */
import { asPersona, type Scenario, type ScenarioOutput } from '../lib/context.ts';
import { measureInterleaved } from '../lib/measure.ts';
import type { CheckResult, ScenarioResult } from '../lib/results.ts';
import { REFERENCE_TIME } from '../generator/index.ts';

export const INDICATORS_P95_GOAL_MS = 200;
export const INDICATORS_SQL = 'select * from public.region_indicators($1, $2)';
/** The year the figures are asked for: the generator's registry is filed up to its reference time. */
export const INDICATORS_YEAR = new Date(REFERENCE_TIME).getUTCFullYear();

export const indicatorsScenario: Scenario = {
  id: 'indicators',
  label: 'region indicators at the database',
  async run(ctx): Promise<ScenarioOutput> {
    const county = ctx.personas.countyAdmin.regionCode;
    const city = `${county.slice(0, 4)}00000000`;
    const province = `${county.slice(0, 2)}0000000000`;
    const results: ScenarioResult[] = [];
    const checks: CheckResult[] = [];
    const op = (code: string, who: 'provinceAdmin' | 'cityAdmin' | 'anon') => async () => {
      const { rows } = await asPersona(ctx.db, ctx.auth[who], (q) => q.query(INDICATORS_SQL, [code, INDICATORS_YEAR]));
      if (rows.length !== 1) throw new Error(`region_indicators(${code}) returned ${rows.length} rows`);
    };
    const cases = [
      { id: 'province_province_admin', label: '省管理员：全省指标（含人员、在托）', run: op(province, 'provinceAdmin') },
      { id: 'province_city_admin', label: '市管理员：全省指标（公开部分）', run: op(province, 'cityAdmin') },
      { id: 'province_anon', label: '公众：全省指标', run: op(province, 'anon') },
      { id: 'city_city_admin', label: '市管理员：本市指标（含人员、在托）', run: op(city, 'cityAdmin') },
      { id: 'county_city_admin', label: '市管理员：县指标', run: op(county, 'cityAdmin') },
    ];
    const stats = await measureInterleaved(cases.map((c) => ({ id: c.id, run: c.run })), ctx.settings.measure);
    for (const c of cases) {
      const s = stats[c.id];
      if (!s) continue;
      results.push({ id: `indicators.${c.id}`, group: 'indicators', label: `region_indicators — ${c.label}`, stats: s });
      ctx.log(`indicators ${c.id}: p50 ${s.p50} ms, p95 ${s.p95} ms`);
    }
    for (const id of ['province_province_admin', 'province_city_admin', 'province_anon']) {
      const s = stats[id];
      if (!s) continue;
      checks.push({
        id: `indicators.${id}.p95`,
        label: `region_indicators province level (${id}) p95 at the database`,
        value: s.p95,
        unit: 'ms',
        goal: INDICATORS_P95_GOAL_MS,
        pass: s.p95 <= INDICATORS_P95_GOAL_MS,
        note: `province ${province}, year ${INDICATORS_YEAR}`,
      });
    }
    return { results, checks };
  },
};
