/**
 * The gap planner's data: four database functions (migration 20261204013000_create_gap_plan.sql),
 * each returning typed rows; formulas in admin/src/routes/statistics/README.md (缺口规划).
 */
import type { RpcRow } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type GapRegionRow = RpcRow<'gap_plan_regions'>;
export type GapStreetRow = RpcRow<'gap_plan_streets'>;
export type UncoveredAreaRow = RpcRow<'gap_plan_uncovered_areas'>;
export type CandidateRow = RpcRow<'gap_plan_candidates'>;

/** Slots of the standard new institution the candidates assume (the SQL default). */
export const DEFAULT_PLACES = 100;

export async function fetchGapRegions(regionCode: string, year: number): Promise<GapRegionRow[]> {
  const { data, error } = await supabaseClient.rpc('gap_plan_regions', { region_code: regionCode, year });
  if (error) throw toHttpError(error);
  return data ?? [];
}

export async function fetchStreetsWithoutAffordable(regionCode: string, year: number): Promise<GapStreetRow[]> {
  const { data, error } = await supabaseClient.rpc('gap_plan_streets', { region_code: regionCode, year });
  if (error) throw toHttpError(error);
  return data ?? [];
}

export async function fetchUncoveredAreas(regionCode: string): Promise<UncoveredAreaRow[]> {
  const { data, error } = await supabaseClient.rpc('gap_plan_uncovered_areas', { region_code: regionCode });
  if (error) throw toHttpError(error);
  return data ?? [];
}

export async function fetchCandidates(regionCode: string, year: number, places: number): Promise<CandidateRow[]> {
  const { data, error } = await supabaseClient.rpc('gap_plan_candidates', { region_code: regionCode, year, places });
  if (error) throw toHttpError(error);
  return data ?? [];
}

/** numeric comes as a string, counts as numbers; null stays null. */
export function num(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
