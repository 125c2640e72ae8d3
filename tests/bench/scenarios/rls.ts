/**
 * RLS vs service role: the same work as a county admin / city admin (role authenticated, their
 * claims, policies apply) and as service_role (bypasses RLS), interleaved. The admin app always
 * filters by the selected region, so both sides carry that filter. The overview goes through the
 * app's RPC (scope checked once); service role runs the same aggregation without the check. The
 * ad-hoc aggregates on the tables show what per-row policies cost.
 */
import { asPersona, type Scenario, type ScenarioOutput } from '../lib/context.ts';
import { measureInterleaved } from '../lib/measure.ts';
import type { RatioResult, ScenarioResult } from '../lib/results.ts';
import { REFERENCE_TIME, type BenchPersonas } from '../generator/index.ts';

export const RLS_GOAL = 1.2;

export interface RlsQuery {
  id: string;
  label: string;
  persona: 'countyAdmin' | 'cityAdmin';
  /** As the persona. */
  sql: string;
  /** As service_role: the same work without any authorization (default: `sql`). */
  serviceSql?: string;
  params: (personas: BenchPersonas) => unknown[];
}

const REFERENCE_DAY = new Date(REFERENCE_TIME).toISOString().slice(0, 10);

// What the admin app runs for the overview page (county and city admins alike): the RPC checks the
// caller's scope once; service role runs the same aggregation for the same counties, unauthorised.
const OVERVIEW_RPC = `select * from public.filing_overview($1)`;
const OVERVIEW_UNAUTHORISED = `select * from private.filing_overview_for(array(
  select code from public.regions where level = 'county' and $1 in (code, city_code, province_code)))`;

export const RLS_QUERIES: RlsQuery[] = [
  {
    id: 'county_list',
    label: '县管理员：本县机构列表（按名称，前50条）',
    persona: 'countyAdmin',
    sql: `select i.id, i.name, i.type, i.status, i.affordable, i.filing_no, i.updated_at
            from public.institutions i where i.county_code = $1 order by i.name limit 50`,
    params: (p) => [p.countyAdmin.regionCode],
  },
  {
    id: 'county_overview_rpc',
    label: '县管理员：本县备案、机构与托位统计（filing_overview）',
    persona: 'countyAdmin',
    sql: OVERVIEW_RPC,
    serviceSql: OVERVIEW_UNAUTHORISED,
    params: (p) => [p.countyAdmin.regionCode],
  },
  {
    id: 'city_overview_rpc',
    label: '市管理员：各县备案、机构与托位总览（filing_overview）',
    persona: 'cityAdmin',
    sql: OVERVIEW_RPC,
    serviceSql: OVERVIEW_UNAUTHORISED,
    params: (p) => [p.cityAdmin.regionCode],
  },
  // Ad-hoc aggregates straight on the tables: every row passes the policies.
  {
    id: 'county_counts',
    label: '县管理员：机构与备案按状态计数（直接查表，逐行 RLS）',
    persona: 'countyAdmin',
    sql: `select 'institutions' as what, status::text, count(*)::int as n from public.institutions where county_code = $1 group by status
          union all
          select 'filings', status::text, count(*)::int from public.filings where county_code = $1 group by status
          order by 1, 2`,
    params: (p) => [p.countyAdmin.regionCode],
  },
  {
    id: 'city_overview',
    label: '市管理员：各县机构、托位、备案与超期概览（直接查表，逐行 RLS）',
    persona: 'cityAdmin',
    sql: `with counties as (select code from public.regions where city_code = $1 and level = 'county'),
          inst as (select county_code, count(*) filter (where status = 'filed')::int as filed, count(*)::int as total,
                          count(*) filter (where affordable)::int as affordable
                     from public.institutions where city_code = $1 group by county_code),
          slots as (select county_code, sum(capacity)::int as slots, sum(enrolled)::int as enrolled
                      from public.classes where county_code in (select code from counties) group by county_code),
          fil as (select county_code, count(*) filter (where status in ('submitted', 'under_review'))::int as pending,
                         count(*) filter (where status in ('submitted', 'under_review') and deadline_on < $2::date)::int as overdue
                    from public.filings where county_code in (select code from counties) group by county_code)
          select c.code, inst.filed, inst.total, inst.affordable, slots.slots, slots.enrolled, fil.pending, fil.overdue
            from counties c left join inst on inst.county_code = c.code left join slots on slots.county_code = c.code
            left join fil on fil.county_code = c.code order by c.code`,
    params: (p) => [p.cityAdmin.regionCode, REFERENCE_DAY],
  },
];

export const rlsScenario: Scenario = {
  id: 'rls',
  label: 'RLS vs service role',
  async run(ctx): Promise<ScenarioOutput> {
    const results: ScenarioResult[] = [];
    const ratios: RatioResult[] = [];
    for (const query of RLS_QUERIES) {
      const params = query.params(ctx.personas);
      const persona = ctx.auth[query.persona];
      const withRls = () => asPersona(ctx.db, persona, (q) => q.query(query.sql, params));
      // Each side gets its own statement text, hence its own prepared statement: a plan made under
      // RLS is re-made whenever another role runs it, and production runs a statement mostly as one
      // role (authenticated). Sharing one text would measure that re-planning on both sides.
      const serviceSql = `${query.serviceSql ?? query.sql}\n-- as service_role`;
      const service = () => asPersona(ctx.db, ctx.auth.service, (q) => q.query(serviceSql, params));
      // Same rows on both sides, or the comparison means nothing.
      const a = await withRls();
      const b = await service();
      if (JSON.stringify(a.rows) !== JSON.stringify(b.rows)) {
        throw new Error(`${query.id}: RLS and service role return different rows (${a.rows.length} vs ${b.rows.length})`);
      }
      if (a.rows.length === 0) throw new Error(`${query.id}: no rows — the persona's region is empty`);
      const stats = await measureInterleaved([{ id: 'rls', run: withRls }, { id: 'service_role', run: service }], ctx.settings.measure);
      for (const side of ['rls', 'service_role'] as const) {
        const s = stats[side];
        if (s) results.push({ id: `rls.${query.id}.${side}`, group: 'rls', label: `${query.label} — ${side}`, stats: s });
      }
      const value = Math.round(((stats.rls?.p50 ?? Number.NaN) / (stats.service_role?.p50 ?? Number.NaN)) * 100) / 100;
      ratios.push({
        id: `rls.${query.id}.rls_vs_service_role`,
        label: `${query.label}: RLS ÷ service role`,
        numerator: `rls.${query.id}.rls`,
        denominator: `rls.${query.id}.service_role`,
        at: 'p50',
        value,
        goal: RLS_GOAL,
        pass: value <= RLS_GOAL,
      });
      ctx.log(`rls ${query.id}: rows ${a.rows.length}; p50 rls ${stats.rls?.p50} ms, service ${stats.service_role?.p50} ms`);
    }
    return { results, ratios };
  },
};
