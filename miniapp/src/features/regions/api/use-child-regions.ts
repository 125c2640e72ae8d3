/** Regions from `public.regions` (readable by anyone), one level at a time. */
import { useQuery } from '@tanstack/react-query';
import type { Tables } from '@tuoyu/db-types';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

export type RegionItem = Pick<Tables<'regions'>, 'code' | 'name' | 'level'>;

export const REGION_CODE = /^\d{12}$/;

export const regionKeys = {
  children: (parentCode: string | null) => ['regions', 'children', parentCode ?? 'root'] as const,
};

/** Children of `parentCode` (null: the provinces), ordered by code. */
export async function fetchChildRegions(parentCode: string | null, signal?: AbortSignal): Promise<RegionItem[]> {
  const query = getSupabase().from('regions').select('code,name,level');
  const filtered = parentCode === null ? query.is('parent_code', null) : query.eq('parent_code', parentCode);
  const ordered = filtered.order('code');
  const result = await (signal ? ordered.abortSignal(signal) : ordered);
  throwIfError(result);
  return result.data ?? [];
}

export function useChildRegions(parentCode: string | null) {
  return useQuery({
    queryKey: regionKeys.children(parentCode),
    queryFn: ({ signal }) => fetchChildRegions(parentCode, signal),
    enabled: parentCode === null || REGION_CODE.test(parentCode),
  });
}
