/**
 * 监督检查与投诉处理 on the institution page: `public_oversight_record(institution)` — inspections,
 * rectification status and closed complaint results of the last 5 years (no personal data).
 */
import { useQuery } from '@tanstack/react-query';
import { throwIfError } from '../../../lib/api-error.ts';
import { getSupabase } from '../../../lib/supabase/client.ts';

export interface OversightRecord {
  inspections: {
    inspected_on: string;
    result: string;
    summary: string | null;
    departments: string[];
    rectification: { status: string; deadline_on: string; closed_on: string | null } | null;
  }[];
  complaints: { category: string; closed_on: string; result: string }[];
}

export function useOversightRecord(institutionId: string | undefined) {
  return useQuery({
    queryKey: ['oversight-record', institutionId],
    enabled: Boolean(institutionId),
    queryFn: async ({ signal }) => {
      const result = await getSupabase().rpc('public_oversight_record', { institution_id: institutionId! }).abortSignal(signal);
      throwIfError(result);
      return (result.data ?? null) as OversightRecord | null;
    },
  });
}
