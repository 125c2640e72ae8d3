import { isFilingNo } from '@tuoyu/domain';
/** 备案核验: `public.verify_filing(filing_no)` (anon), public fields of a filed institution. */
import { useQuery } from '@tanstack/react-query';
import type { Database } from '@tuoyu/db-types';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

export type VerifiedFiling = Database['public']['Functions']['verify_filing']['Returns'][number] & {
  /** The institution's public page, when it is public (filed); null otherwise. */
  institution_id: string | null;
};

export function normalizeFilingNo(input: string): string {
  return input.replace(/\s+/g, '');
}

/** null: no filing with this number is public. */
export async function verifyFiling(filingNo: string, signal?: AbortSignal): Promise<VerifiedFiling | null> {
  const call = getSupabase().rpc('verify_filing', { filing_no: filingNo });
  const result = await (signal ? call.abortSignal(signal) : call);
  throwIfError(result);
  const filing = result.data?.[0];
  if (!filing) return null;
  // the public page exists for institutions anyone may read (RLS: filed ones)
  const lookup = getSupabase().from('institutions').select('id').eq('filing_no', filing.filing_no).limit(1);
  const page = await (signal ? lookup.abortSignal(signal) : lookup);
  throwIfError(page);
  return { ...filing, institution_id: page.data?.[0]?.id ?? null };
}

export function useVerifyFiling(filingNo: string | null) {
  return useQuery({
    queryKey: ['verify-filing', filingNo],
    queryFn: ({ signal }) => verifyFiling(filingNo ?? '', signal),
    enabled: filingNo !== null && isFilingNo(filingNo),
  });
}
