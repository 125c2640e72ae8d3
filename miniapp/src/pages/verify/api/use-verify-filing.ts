import { isFilingNo } from '@tuoyu/domain';
/** 备案核验: `public.verify_filing(filing_no)` (anon), public fields of a filed institution. */
import { useQuery } from '@tanstack/react-query';
import type { Database } from '@tuoyu/db-types';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

export type VerifiedFiling = Database['public']['Functions']['verify_filing']['Returns'][number];

export function normalizeFilingNo(input: string): string {
  return input.replace(/\s+/g, '');
}

/** null: no filing with this number is public. */
export async function verifyFiling(filingNo: string, signal?: AbortSignal): Promise<VerifiedFiling | null> {
  const call = getSupabase().rpc('verify_filing', { filing_no: filingNo });
  const result = await (signal ? call.abortSignal(signal) : call);
  throwIfError(result);
  return result.data?.[0] ?? null;
}

export function useVerifyFiling(filingNo: string | null) {
  return useQuery({
    queryKey: ['verify-filing', filingNo],
    queryFn: ({ signal }) => verifyFiling(filingNo ?? '', signal),
    enabled: filingNo !== null && isFilingNo(filingNo),
  });
}
