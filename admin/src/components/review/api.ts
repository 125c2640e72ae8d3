/**
 * Data access of the county review screens: filings of the person's counties, their materials,
 * status history and the decision RPCs. Everything goes through supabase-js as the signed-in person,
 * so RLS and the state-machine trigger (supabase/migrations/*_create_filings.sql) decide; the UI
 * only offers what they would allow. Errors come back as Chinese `AppHttpError`s (lib/errors).
 */
import { type ChecklistDraft, checklistForRpc, type FilingKind, type FilingStatus, type MaterialType } from '@tuoyu/domain';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';



export type ReviewInstitution = {
  id: string;
  name: string;
  type: string;
  ownership: string;
  affordable: boolean;
  meals_served: boolean;
  street_code: string;
  county_code: string;
  city_code: string;
  status: string;
  filing_no: string | null;
  filed_at: string | null;
  contact_phone: string | null;
  public_address: string | null;
  street?: { name: string } | null;
};

export type FilingRow = {
  id: string;
  institution_id: string;
  county_code: string;
  kind: FilingKind;
  status: FilingStatus;
  form: Record<string, unknown>;
  materials: ChecklistDraft;
  pledge_accepted: boolean;
  submitted_at: string | null;
  deadline_on: string | null;
  reviewer_id: string | null;
  review_started_at: string | null;
  decided_at: string | null;
  decision_reasons: string | null;
  filing_no: string | null;
  created_at: string;
  updated_at: string;
  institution: ReviewInstitution | null;
};

export type FilingDocument = {
  id: string;
  filing_id: string;
  material_type: MaterialType;
  storage_path: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  created_at: string;
};

export type StatusHistoryEntry = {
  at: string;
  from: FilingStatus | null;
  to: FilingStatus;
  actorId: string | null;
  actorName: string | null;
  reasons: string | null;
};

export const FILING_BUCKET = 'filing-documents';

const INSTITUTION_EMBED =
  'institution:institutions!inner(id,name,type,ownership,affordable,meals_served,street_code,county_code,city_code,status,filing_no,filed_at,contact_phone,public_address,street:regions!street_code(name))';
export const FILING_SELECT = `*,${INSTITUTION_EMBED}`;

/** Statuses a county still has to act on (the review queue). */
export const OPEN_REVIEW_STATUSES: FilingStatus[] = ['submitted', 'under_review'];

function fail(error: unknown): never {
  throw toHttpError(error);
}

export async function fetchFiling(id: string): Promise<FilingRow | null> {
  const { data, error } = await supabaseClient.from('filings').select(FILING_SELECT).eq('id', id).maybeSingle();
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
    .select('id,filing_id,material_type,storage_path,file_name,mime_type,size_bytes,created_at')
    .eq('filing_id', filingId)
    .order('material_type')
    .order('created_at');
  if (error) fail(error);
  return (data ?? []) as FilingDocument[];
}

/** A short-lived URL to preview a material from the private bucket (RLS decides who gets one). */
export async function signedMaterialUrl(path: string, seconds = 600): Promise<string> {
  const { data, error } = await supabaseClient.storage.from(FILING_BUCKET).createSignedUrl(path, seconds);
  if (error || !data?.signedUrl) {
    throw { statusCode: 403, message: '无法获取材料预览链接，可能文件已删除或您无权查看' };
  }
  return data.signedUrl;
}

/** Status changes of a filing, oldest first (`filing_events`, written by the database only). */
export async function fetchStatusHistory(filingId: string): Promise<StatusHistoryEntry[]> {
  const { data, error } = await supabaseClient
    .from('filing_events')
    .select('occurred_at,from_status,to_status,actor_id,actor_name,reasons')
    .eq('filing_id', filingId)
    .order('occurred_at', { ascending: true })
    .order('id', { ascending: true });
  if (error) fail(error);
  return ((data ?? []) as RawEvent[]).map((e) => ({
    at: e.occurred_at,
    from: e.from_status,
    to: e.to_status,
    actorId: e.actor_id,
    actorName: e.actor_name,
    reasons: e.reasons,
  }));
}

type RawEvent = {
  occurred_at: string;
  from_status: FilingStatus | null;
  to_status: FilingStatus;
  actor_id: string | null;
  actor_name: string | null;
  reasons: string | null;
};

/** Working days left for one filing (null when it no longer waits for the county). */
export async function fetchWorkingDaysLeft(filingId: string): Promise<number | null> {
  const { data, error } = await supabaseClient
    .from('filing_review_queue')
    .select('working_days_left')
    .eq('id', filingId)
    .maybeSingle();
  if (error) fail(error);
  const left = (data as { working_days_left: number | null } | null)?.working_days_left;
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

export type CountyName = { code: string; name: string };

export async function fetchRegionNames(codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const { data, error } = await supabaseClient.from('regions').select('code,name').in('code', unique);
  if (error) fail(error);
  return new Map(((data ?? []) as CountyName[]).map((r) => [r.code, r.name]));
}
