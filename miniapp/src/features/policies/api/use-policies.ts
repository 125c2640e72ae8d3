/** Policies that apply in a region (rpc policies_for_region: words in Chinese, a tag), one policy with its amounts. */
import { useQuery } from '@tanstack/react-query';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

/** The demo family (张女士) lives in 汶上县中都街道; the family feature will supply the real region. */
export const DEFAULT_POLICY_REGION = '370830001000';

export function usePolicies(region: string, q: string, tag: string | undefined) {
  return useQuery({
    queryKey: ['policies', 'list', region, q, tag ?? ''] as const,
    queryFn: async () => {
      const result = await getSupabase().rpc('policies_for_region', { region_code: region, q: q.trim() || undefined, tag });
      throwIfError(result);
      return result.data ?? [];
    },
  });
}

export function usePolicy(id: string | undefined) {
  return useQuery({
    queryKey: ['policies', 'policy', id ?? ''] as const,
    enabled: Boolean(id),
    queryFn: async () => {
      const result = await getSupabase().from('policies').select('*, policy_subsidy_amounts(item,amount_yuan,unit,note,sort)')
        .eq('id', id ?? '').order('sort', { referencedTable: 'policy_subsidy_amounts' }).maybeSingle();
      throwIfError(result);
      return result.data;
    },
  });
}
