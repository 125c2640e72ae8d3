/**
 * The public registry search. By distance: `nearby_institutions` (filed only, home-based points at
 * ~1 km precision, filters in SQL). By name: the public surface of `public.institutions` (RLS shows
 * anon the filed rows only), with the same filters and, when a location is chosen, distances.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';
import {
  distanceMeters,
  ilikePattern,
  matchesFilters,
  type Origin,
  type RegistryFilters,
} from '../model/search.ts';

export interface RegistryItem {
  id: string;
  name: string;
  type: string;
  affordable: boolean;
  services: string[];
  /** Street name only for home-based points. */
  publicAddress: string | null;
  lat: number | null;
  lng: number | null;
  filingNo: string | null;
  capacity: number;
  enrolled: number;
  /** Metres from the chosen location, null without one. */
  distanceM: number | null;
}

export type RegistryQuery =
  | { mode: 'name'; name: string; origin: Origin | null; filters: RegistryFilters }
  | { mode: 'nearby'; origin: Origin; radiusM: number; filters: RegistryFilters }
  /** The institutions of one street (where browsing the regions ends). */
  | { mode: 'street'; street: string; origin: Origin | null; filters: RegistryFilters };

const NAME_RESULTS_LIMIT = 100;

export async function searchNearby(
  query: Extract<RegistryQuery, { mode: 'nearby' }>,
  signal?: AbortSignal,
): Promise<RegistryItem[]> {
  const { origin, radiusM, filters } = query;
  const request = getSupabase().rpc('nearby_institutions', {
    lat: origin.lat,
    lng: origin.lng,
    radius_m: radiusM,
    affordable_only: filters.affordableOnly,
    ...(filters.type ? { institution_types: [filters.type] } : {}),
    ...(filters.service ? { service_types: [filters.service] } : {}),
    ...(filters.ageMonths !== null ? { age_months: filters.ageMonths } : {}),
    max_results: 100,
  });
  const result = await (signal ? request.abortSignal(signal) : request);
  throwIfError(result);
  // 有空位: the RPC sums capacity and enrolled over the institution's classes
  return (result.data ?? []).filter((row) => !filters.vacantOnly || Number(row.capacity ?? 0) > Number(row.enrolled ?? 0)).map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    affordable: row.affordable,
    services: row.services ?? [],
    publicAddress: row.public_address,
    lat: row.public_lat,
    lng: row.public_lng,
    filingNo: row.filing_no,
    capacity: Number(row.capacity ?? 0),
    enrolled: Number(row.enrolled ?? 0),
    distanceM: row.distance_m,
  }));
}

export async function searchByName(
  query: Extract<RegistryQuery, { mode: 'name' | 'street' }>,
  signal?: AbortSignal,
): Promise<RegistryItem[]> {
  const base = getSupabase()
    .from('institutions')
    .select(
      'id,name,type,affordable,services,public_address,public_lat,public_lng,filing_no,classes(min_age_months,max_age_months,capacity,enrolled)',
    )
    .eq('status', 'filed');
  const request = (query.mode === 'street' ? base.eq('street_code', query.street) : base.ilike('name', ilikePattern(query.name)))
    .order('name')
    .limit(NAME_RESULTS_LIMIT);
  const result = await (signal ? request.abortSignal(signal) : request);
  throwIfError(result);
  const { origin, filters } = query;
  const items = (result.data ?? [])
    .filter((row) => matchesFilters({ ...row, services: row.services ?? [] }, filters))
    .map((row): RegistryItem => {
      const lat = row.public_lat === null ? null : Number(row.public_lat);
      const lng = row.public_lng === null ? null : Number(row.public_lng);
      return {
        id: row.id,
        name: row.name,
        type: row.type,
        affordable: row.affordable,
        services: row.services ?? [],
        publicAddress: row.public_address,
        lat,
        lng,
        filingNo: row.filing_no,
        capacity: row.classes.reduce((sum, c) => sum + c.capacity, 0),
        enrolled: row.classes.reduce((sum, c) => sum + c.enrolled, 0),
        distanceM: origin && lat !== null && lng !== null ? distanceMeters(origin, { lat, lng }) : null,
      };
    });
  if (origin) items.sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity));
  return items;
}

export const registryKeys = {
  search: (query: RegistryQuery | null) => ['registry', 'search', query] as const,
};

/** Results for `query`; null = nothing to search yet (no name and no location). */
export function useRegistrySearch(query: RegistryQuery | null) {
  return useQuery({
    queryKey: registryKeys.search(query),
    queryFn: ({ signal }) => {
      if (!query) return Promise.resolve<RegistryItem[]>([]);
      return query.mode === 'nearby' ? searchNearby(query, signal) : searchByName(query, signal);
    },
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}
