/**
 * The review queue: the `filing_review_queue` view (security invoker, so RLS limits it to the
 * person's counties) with the working days left computed in the database from the working-day
 * calendar (`working_days_left`: 0 = due today, negative = overdue).
 */
import { type FilingKind, type FilingStatus, regionPrefix } from '@tuoyu/domain';
import type { Narrow, Views } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';
import { OPEN_REVIEW_STATUSES } from './queries.ts';
import type { SelectedRegion } from '../../contexts/region-scope.tsx';
import type { Countdown } from '../../components/filing/status.tsx';

export type QueueFilters = {
  status?: FilingStatus | 'open' | 'all';
  kind?: FilingKind;
  overdue?: boolean;
  name?: string;
};

export type QueueRow = Narrow<Views<'filing_review_queue'>, { id: string; kind: FilingKind; status: FilingStatus }>;

/** The countdown of a queue row (only filings still waiting for the county have one). */
export function countdownOf(row: Pick<QueueRow, 'working_days_left' | 'status'>): Countdown | null {
  if (row.working_days_left === null || !OPEN_REVIEW_STATUSES.includes(row.status)) return null;
  return { daysLeft: row.working_days_left };
}

/** Postgres `ilike` pattern for a free-text search (wildcards and PostgREST separators neutralised). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_,()\\*]/g, ' ').trim()}%`;
}

export async function fetchQueue(filters: QueueFilters, region: SelectedRegion | null): Promise<QueueRow[]> {
  let query = supabaseClient
    .from('filing_review_queue')
    .select(
      'id,institution_id,institution_name,institution_type,street_code,county_code,county_name,kind,status,submitted_at,deadline_on,working_days_left,overdue,decided_at,filing_no',
    );
  const status = filters.status ?? 'open';
  if (status === 'open') query = query.in('status', OPEN_REVIEW_STATUSES);
  else if (status !== 'all') query = query.eq('status', status);
  if (filters.kind) query = query.eq('kind', filters.kind);
  if (filters.overdue) query = query.eq('overdue', true);
  const name = filters.name?.trim();
  if (name) query = query.ilike('institution_name', containsPattern(name));
  if (region?.level === 'county') query = query.eq('county_code', region.code);
  else if (region) query = query.like('county_code', `${regionPrefix(region.code, region.level)}%`);
  const { data, error } = await query
    .order('deadline_on', { ascending: true, nullsFirst: false })
    .order('submitted_at', { ascending: true })
    .limit(1000);
  if (error) throw toHttpError(error);
  return (data ?? []) as QueueRow[];
}
