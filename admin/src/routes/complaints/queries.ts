/**
 * What the complaint screens read and call (supabase/migrations/20261204002100_create_complaints.sql).
 * RLS limits the queue, contacts and timeline to the person's regions; the RPCs check that the
 * caller is the county admin of the complaint's county and the state machine (受理 → 转办 → 处理中 → 办结).
 */
import type { Tables, Views } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type ComplaintQueueRow = Views<'complaint_queue'>;
export type ComplaintRow = Tables<'complaints'>;
export type ComplaintEventRow = Tables<'complaint_events'>;
export type ComplaintContactRow = Pick<Tables<'complaint_contacts'>, 'complaint_id' | 'mobile' | 'anonymous' | 'complainant_id'>;
export type Inspector = { userId: string; name: string };

function fail(error: unknown): never {
  throw toHttpError(error);
}

/** The queue: urgent first, then the earliest acceptance deadline; closed complaints last. */
export async function fetchComplaintQueue(): Promise<ComplaintQueueRow[]> {
  const { data, error } = await supabaseClient
    .from('complaint_queue')
    .select('*')
    .order('urgent', { ascending: false })
    .order('accept_by', { ascending: true })
    .limit(500);
  if (error) fail(error);
  const rows = data ?? [];
  // Open ones first (closed keep their order at the end).
  return [...rows.filter((r) => r.status !== 'closed'), ...rows.filter((r) => r.status === 'closed')];
}

export async function fetchComplaint(id: string): Promise<ComplaintRow | null> {
  const { data, error } = await supabaseClient.from('complaints').select('*').eq('id', id).maybeSingle();
  if (error) {
    if (error.code === '22P02') return null;
    fail(error);
  }
  return data;
}

export async function fetchQueueRow(id: string): Promise<ComplaintQueueRow | null> {
  const { data, error } = await supabaseClient.from('complaint_queue').select('*').eq('id', id).maybeSingle();
  if (error) fail(error);
  return data;
}

export async function fetchComplaintEvents(id: string): Promise<ComplaintEventRow[]> {
  const { data, error } = await supabaseClient.from('complaint_events').select('*').eq('complaint_id', id).order('occurred_at').order('id');
  if (error) fail(error);
  return data ?? [];
}

export async function fetchComplaintContact(id: string): Promise<ComplaintContactRow | null> {
  const { data, error } = await supabaseClient
    .from('complaint_contacts')
    .select('complaint_id,mobile,anonymous,complainant_id')
    .eq('complaint_id', id)
    .maybeSingle();
  if (error) fail(error);
  return data;
}

/** Inspectors (检查人员) of a county, with their names where the person may read them. */
export async function fetchInspectors(countyCode: string): Promise<Inspector[]> {
  const { data, error } = await supabaseClient.from('staff_scopes').select('user_id,region_code').eq('role', 'inspector');
  if (error) fail(error);
  const prefix = countyCode.replace(/0+$/, '');
  const ids = [...new Set((data ?? []).filter((s) => countyCode.startsWith(s.region_code.replace(/0+$/, '')) || s.region_code.startsWith(prefix)).map((s) => s.user_id))];
  if (ids.length === 0) return [];
  const { data: profiles, error: e2 } = await supabaseClient.from('profiles').select('id,display_name').in('id', ids);
  if (e2) fail(e2);
  const names = new Map((profiles ?? []).map((p) => [p.id, p.display_name]));
  return ids.map((id) => ({ userId: id, name: names.get(id) || `检查人员 ${id.slice(0, 8)}` }));
}

export async function acceptComplaint(id: string): Promise<void> {
  const { error } = await supabaseClient.rpc('accept_complaint', { complaint_id: id });
  if (error) fail(error);
}

export async function assignComplaint(id: string, input: { assigneeId?: string; department?: string; note?: string }): Promise<void> {
  const { error } = await supabaseClient.rpc('assign_complaint', {
    complaint_id: id,
    ...(input.assigneeId ? { assignee_id: input.assigneeId } : {}),
    ...(input.department ? { department: input.department } : {}),
    ...(input.note ? { note: input.note } : {}),
  });
  if (error) fail(error);
}

export async function noteComplaint(id: string, note: string, visibility: 'internal' | 'complainant'): Promise<void> {
  const { error } = await supabaseClient.rpc('note_complaint', { complaint_id: id, note, visibility });
  if (error) fail(error);
}

export async function closeComplaint(id: string, reply: string, publicResult: string): Promise<void> {
  const { error } = await supabaseClient.rpc('close_complaint', { complaint_id: id, reply, public_result: publicResult });
  if (error) fail(error);
}

/** The institution's answer to a complaint about it (answer_complaint: members of that institution only). */
export async function answerComplaint(id: string, answer: string): Promise<void> {
  const { error } = await supabaseClient.rpc('answer_complaint', { complaint_id: id, answer });
  if (error) fail(error);
}

export async function signedComplaintPhotoUrl(path: string): Promise<string | null> {
  const { data } = await supabaseClient.storage.from('complaint-photos').createSignedUrl(path, 600);
  return data?.signedUrl ?? null;
}
