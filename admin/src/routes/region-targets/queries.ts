/**
 * 人口与目标: a region's and its sub-regions' population and targets for a year. Own rows come from
 * the tables (RLS: anyone reads, the region itself and the levels above write); what a region
 * inherits (the target in force and where it comes from, the population year used) comes from
 * region_indicators — the database's one home of the inheritance rule.
 */
import type { TargetMetric } from '@tuoyu/domain';
import { useQueryClient } from '@tanstack/react-query';
import type { RegionRow, Tables } from '../../lib/db.ts';
import { fail } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type PopulationRow = Tables<'region_populations'>;
export type TargetRow = Tables<'region_targets'>;

/** Where a region's target comes from (region_indicators.target_sources). */
export type TargetSource = { value: number | string | null; region_code: string | null; year: number | null; note: string | null };

export type RegionFigures = {
  region: RegionRow;
  population: number | null;
  populationYear: number | null;
  sources: Partial<Record<TargetMetric, TargetSource>>;
};

export type TargetsScreen = {
  regions: RegionFigures[];
  populations: PopulationRow[];
  targets: TargetRow[];
  /** Names of every region a target may come from (the regions shown and their ancestors). */
  names: Map<string, string>;
};

export async function fetchTargetsScreen(regionCode: string, year: number): Promise<TargetsScreen> {
  const regionsQ = await supabaseClient
    .from('regions')
    .select('code,name,level,parent_code')
    .or(`code.eq.${regionCode},parent_code.eq.${regionCode}`)
    .order('code');
  if (regionsQ.error) fail(regionsQ.error);
  const regions = (regionsQ.data ?? []) as RegionRow[];
  const codes = regions.map((r) => r.code);
  const [own, subs, populations, targets] = await Promise.all([
    supabaseClient.rpc('region_indicators', { region_code: regionCode, year }),
    regions.length > 1 ? supabaseClient.rpc('region_indicators', { region_code: regionCode, year, sub_regions: true }) : Promise.resolve({ data: [], error: null }),
    supabaseClient.from('region_populations').select('*').in('region_code', codes).eq('year', year),
    supabaseClient.from('region_targets').select('*').in('region_code', codes).eq('year', year),
  ]);
  for (const q of [own, subs, populations, targets]) if (q.error) fail(q.error);
  const figures = new Map([...(own.data ?? []), ...(subs.data ?? [])].map((r) => [r.code, r]));
  const sourceCodes = new Set<string>();
  for (const r of figures.values()) {
    for (const s of Object.values((r.target_sources ?? {}) as Record<string, TargetSource>)) if (s.region_code) sourceCodes.add(s.region_code);
  }
  const missing = [...sourceCodes].filter((c) => !codes.includes(c));
  const names = new Map(regions.map((r) => [r.code, r.name]));
  if (missing.length) {
    const q = await supabaseClient.from('regions').select('code,name').in('code', missing);
    if (q.error) fail(q.error);
    for (const r of q.data ?? []) names.set(r.code, r.name);
  }
  return {
    regions: regions.map((region) => {
      const f = figures.get(region.code);
      return {
        region,
        population: f?.population ?? null,
        populationYear: f?.population_year ?? null,
        sources: (f?.target_sources ?? {}) as RegionFigures['sources'],
      };
    }),
    populations: (populations.data ?? []) as PopulationRow[],
    targets: (targets.data ?? []) as TargetRow[],
    names,
  };
}

export async function saveTarget(input: { id: number | null; region_code: string; metric: TargetMetric; year: number; value: number; note: string | null }): Promise<void> {
  const { id, ...row } = input;
  const q = id
    ? await supabaseClient.from('region_targets').update({ value: row.value, note: row.note }).eq('id', id).select('id')
    : await supabaseClient.from('region_targets').insert(row).select('id');
  if (q.error) fail(q.error);
  if (!q.data?.length) fail({ code: '42501', message: '您无权修改该区划的目标' });
}

export async function clearTarget(id: number): Promise<void> {
  const q = await supabaseClient.from('region_targets').delete().eq('id', id).select('id');
  if (q.error) fail(q.error);
  if (!q.data?.length) fail({ code: '42501', message: '您无权修改该区划的目标' });
}

export async function savePopulation(input: {
  exists: boolean; region_code: string; year: number; resident_population: number; under3_population: number | null; source: string;
}): Promise<void> {
  const { exists, ...row } = input;
  const q = exists
    ? await supabaseClient.from('region_populations')
      .update({ resident_population: row.resident_population, under3_population: row.under3_population, source: row.source })
      .eq('region_code', row.region_code).eq('year', row.year).select('region_code')
    : await supabaseClient.from('region_populations').insert(row).select('region_code');
  if (q.error) fail(q.error);
  if (!q.data?.length) fail({ code: '42501', message: '您无权修改该区划的人口' });
}

export async function clearPopulation(regionCode: string, year: number): Promise<void> {
  const q = await supabaseClient.from('region_populations').delete().eq('region_code', regionCode).eq('year', year).select('region_code');
  if (q.error) fail(q.error);
  if (!q.data?.length) fail({ code: '42501', message: '您无权修改该区划的人口' });
}

/** After a change: this screen and every figure computed from targets or population. */
export function useRefreshFigures(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('region-') });
}
