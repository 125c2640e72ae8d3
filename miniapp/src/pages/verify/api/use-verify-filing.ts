/** 备案核验: `public.verify_filing(filing_no)` (anon), public fields of a filed institution. */
import { useQuery } from '@tanstack/react-query';
import type { Database } from '@tuoyu/db-types';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

export type VerifiedFiling = Database['public']['Functions']['verify_filing']['Returns'][number];

/** County code (6) + year (4) + sequence (4), as @tuoyu/domain's FILING_NO_PATTERN. */
export const FILING_NO = /^\d{14}$/;

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
    enabled: filingNo !== null && FILING_NO.test(filingNo),
  });
}
