/**
 * Data access of the county review screens: filings of the person's counties, their materials,
 * status history and the decision RPCs. Everything goes through supabase-js as the signed-in person,
 * so RLS and the state-machine trigger (supabase/migrations/*_create_filings.sql) decide; the UI
 * only offers what they would allow. Errors come back as Chinese `AppHttpError`s (lib/errors).
 */
import type { QueryData } from '@supabase/supabase-js';
import { type ChecklistDraft, checklistForRpc, type FilingKind, type FilingStatus, regionPrefix } from '@tuoyu/domain';
import { DOCUMENT_COLUMNS, type FilingDocument } from '../../components/filing/queries.ts';

export type { FilingDocument };
import type { Countdown } from '../../components/filing/status.tsx';
import type { SelectedRegion } from '../../contexts/region-scope.tsx';
import type { Narrow, Views } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

const INSTITUTION_EMBED =
  'institution:institutions!inner(id,name,type,ownership,affordable,meals_served,street_code,county_code,city_code,status,filing_no,filed_at,contact_phone,public_address,street:regions!street_code(name))';
export const FILING_SELECT = `*,${INSTITUTION_EMBED}` as const;
const filingQuery = () => supabaseClient.from('filings').select(FILING_SELECT);
export type FilingRow = Narrow<
  QueryData<ReturnType<typeof filingQuery>>[number],
  { form: Record<string, unknown>; materials: ChecklistDraft }
>;

/** Statuses a county still has to act on (the review queue). */
export const OPEN_REVIEW_STATUSES: FilingStatus[] = ['submitted', 'under_review'];

function fail(error: unknown): never {
  throw toHttpError(error);
}

export async function fetchFiling(id: string): Promise<FilingRow | null> {
  const { data, error } = await filingQuery().eq('id', id).maybeSingle();
  if (error) {
    // An id that is not a UUID is "not found" for people, not a technical error.
    if (error.code === '22P02') return null;
    fail(error);
  }
  return (data as FilingRow | null) ?? null;
}

export async function fetchDocuments(filingId: string): Promise<FilingDocument[]> {
  const { data, error } = await supabaseClient
    .from('filing_documents')
    .select(DOCUMENT_COLUMNS)
    .eq('filing_id', filingId)
    .order('material_type')
    .order('created_at');
  if (error) fail(error);
  return (data ?? []) as FilingDocument[];
}

/** Working days left for one filing (null when it no longer waits for the county). */
export async function fetchWorkingDaysLeft(filingId: string): Promise<number | null> {
  const { data, error } = await supabaseClient
    .from('filing_review_queue')
    .select('working_days_left')
    .eq('id', filingId)
    .maybeSingle();
  if (error) fail(error);
  const left = data?.working_days_left;
  return typeof left === 'number' ? left : null;
}

export type Decision = 'start' | 'approve' | 'return' | 'reject';

/** The decision RPCs (they check the permission and the state machine in the database). */
export async function decide(
  filingId: string,
  decision: Decision,
  input: { reasons?: string; checklist?: ChecklistDraft } = {},
): Promise<void> {
  const checklist = checklistForRpc(input.checklist ?? {});
  const call =
    decision === 'start'
      ? supabaseClient.rpc('start_filing_review', { filing_id: filingId })
      : decision === 'approve'
        ? supabaseClient.rpc('approve_filing', { filing_id: filingId, checklist })
        : supabaseClient.rpc(decision === 'return' ? 'return_filing' : 'reject_filing', {
            filing_id: filingId,
            reasons: input.reasons ?? '',
            checklist,
          });
  const { error } = await call;
  if (error) fail(error);
}

/**
 * Saves one material's mark (合格/不合格 and the note) as the reviewer goes: `mark_filing_material`
 * (security invoker: RLS and the filings trigger allow it only for the county reviewer of a filing
 * under review). Returns the filing's whole checklist as stored.
 */
export async function saveMaterialMark(filingId: string, material: string, mark: ChecklistDraft[keyof ChecklistDraft]): Promise<ChecklistDraft> {
  const { data, error } = await supabaseClient.rpc('mark_filing_material', {
    filing_id: filingId,
    material,
    ...(typeof mark?.ok === 'boolean' ? { ok: mark.ok } : {}),
    ...(mark?.note?.trim() ? { note: mark.note.trim() } : {}),
  });
  if (error) fail(error);
  return (data ?? {}) as ChecklistDraft;
}

export async function fetchRegionNames(codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const { data, error } = await supabaseClient.from('regions').select('code,name').in('code', unique);
  if (error) fail(error);
  return new Map((data ?? []).map((r) => [r.code, r.name]));
}

// The review queue -------------------------------------------------------------------------------
// `filing_review_queue` (a security-invoker view, so RLS limits it to the person's counties) with the
// working days left computed in the database from the working-day calendar (0 = due today,
// negative = overdue).

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
