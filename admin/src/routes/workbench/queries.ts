/**
 * 工作台 data: `my_work_items()` (supabase/migrations/20261204007000_create_work_items.sql) counts
 * what waits for the signed-in person per kind, with the most urgent items. The same query feeds
 * the home page and the menu badges, so both always agree.
 */
import { useQuery } from '@tanstack/react-query';
import type { RpcRow } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type WorkItem = {
  id: string;
  title: string;
  detail?: string | null;
  status?: string | null;
  filing_kind?: string | null;
  request_kind?: string | null;
  class_type?: string | null;
  category?: string | null;
  institution_id?: string | null;
  due_on?: string | null;
  days_left?: number | null;
  signups?: number | null;
  capacity?: number | null;
  waitlist?: number | null;
  /** filing_notice_open: the institution has answered. */
  replied?: boolean | null;
};

export type WorkKindRow = Omit<RpcRow<'my_work_items'>, 'items'> & { items: WorkItem[] };

export const WORK_ITEMS_KEY = ['work-items'] as const;

export async function fetchWorkItems(): Promise<WorkKindRow[]> {
  // Signed out (e.g. a refetch racing the sign-out): nothing waits, and no refused request.
  const { data: session } = await supabaseClient.auth.getSession();
  if (!session.session) return [];
  const { data, error } = await supabaseClient.rpc('my_work_items', { max_items: 5 });
  if (error) throw toHttpError(error);
  return (data ?? []) as unknown as WorkKindRow[];
}

/** Work items of the signed-in person (refreshed every minute while the admin is open). */
export function useWorkItems(enabled = true) {
  return useQuery({ queryKey: WORK_ITEMS_KEY, queryFn: fetchWorkItems, enabled, staleTime: 30_000, refetchInterval: 60_000 });
}

/** Latest filings of the operator's institutions (its filing's status on the home page). */
export async function fetchMyFilings(institutionIds: string[]) {
  if (institutionIds.length === 0) return [];
  const { data, error } = await supabaseClient
    .from('filings')
    .select('id,kind,status,submitted_at,deadline_on,decided_at,decision_reasons,filing_no,institution:institutions!inner(name)')
    .in('institution_id', institutionIds)
    .order('created_at', { ascending: false })
    .limit(5);
  if (error) throw toHttpError(error);
  return data ?? [];
}
