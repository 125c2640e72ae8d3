/**
 * What the inspection screens read and call (supabase/migrations/…2200_create_inspections.sql and
 * …8000_create_inspection_screens.sql). RLS decides which plans, inspections and rectifications a
 * person sees; the RPCs decide who may draw, record, report and re-check.
 */
import { INSPECTION_PHOTO_LIMITS, photoExtension, photoProblem } from '@tuoyu/domain';
import type { Json, RpcRow, Tables, TablesInsert, Views } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

export const INSPECTION_PHOTO_BUCKET = 'inspection-photos';

export type PlanRow = Tables<'inspection_plans'>;
export type InspectionRow = Tables<'inspections'> & { institutions: { name: string } | null };
export type FindingRow = Tables<'inspection_findings'>;
export type ChecklistItem = RpcRow<'inspection_checklist'>;
export type RectificationRow = Tables<'rectifications'>;
export type RectificationQueueRow = Views<'rectification_queue'>;
export type Selection = { institutions: string[]; inspectors: string[] };
export type FindingInput = { item_code: string; passed: boolean; note?: string; photo_paths: string[] };

function fail(error: unknown): never {
  throw toHttpError(error);
}

export const inspectionKeys = {
  plans: ['inspection-plans'] as const,
  plan: (id: string) => ['inspection-plans', id] as const,
  inspections: ['inspections'] as const,
  inspection: (id: string) => ['inspections', id] as const,
  rectifications: ['rectifications'] as const,
};

// ---------------------------------------------------------------------------------------------
// Plans (双随机)
// ---------------------------------------------------------------------------------------------

export async function fetchPlans(): Promise<PlanRow[]> {
  const { data, error } = await supabaseClient.from('inspection_plans').select('*').order('period_start', { ascending: false }).limit(200);
  if (error) fail(error);
  return data ?? [];
}

export async function fetchPlan(id: string): Promise<PlanRow | null> {
  const { data, error } = await supabaseClient.from('inspection_plans').select('*').eq('id', id).maybeSingle();
  if (error) {
    if (error.code === '22P02') return null;
    fail(error);
  }
  return data;
}

export async function createPlan(plan: Pick<TablesInsert<'inspection_plans'>, 'county_code' | 'title' | 'period_start' | 'period_end' | 'institution_count' | 'inspectors_per_team' | 'departments'> & { seed?: string }): Promise<PlanRow> {
  const { data, error } = await supabaseClient.from('inspection_plans').insert(plan).select('*').single();
  if (error) fail(error);
  return data;
}

export async function drawPlan(id: string): Promise<Selection> {
  const { data, error } = await supabaseClient.rpc('draw_inspection_plan', { plan_id: id });
  if (error) fail(error);
  return data as unknown as Selection;
}

export function selectionOf(plan: Pick<PlanRow, 'selection'>): Selection | null {
  const s = plan.selection as { institutions?: unknown; inspectors?: unknown } | null;
  if (!s || !Array.isArray(s.institutions) || !Array.isArray(s.inspectors)) return null;
  return { institutions: s.institutions as string[], inspectors: s.inspectors as string[] };
}

/** Display names of people the caller may read (profiles RLS); unknown ids get a short fallback. */
export async function fetchNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data, error } = await supabaseClient.from('profiles').select('id,display_name').in('id', unique);
  if (error) fail(error);
  const names = new Map((data ?? []).map((p) => [p.id, p.display_name ?? '']));
  return new Map(unique.map((id) => [id, names.get(id) || `检查人员 ${id.slice(0, 8)}`]));
}

export async function fetchInstitutionNames(ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { data, error } = await supabaseClient.from('institutions').select('id,name').in('id', unique);
  if (error) fail(error);
  return new Map((data ?? []).map((i) => [i.id, i.name]));
}

// ---------------------------------------------------------------------------------------------
// Inspections and findings
// ---------------------------------------------------------------------------------------------

const INSPECTION_COLUMNS = '*, institutions(name)';

export async function fetchInspections(filter: { planId?: string; mine?: string } = {}): Promise<InspectionRow[]> {
  let q = supabaseClient.from('inspections').select(INSPECTION_COLUMNS);
  if (filter.planId) q = q.eq('plan_id', filter.planId);
  if (filter.mine) q = q.contains('inspector_ids', [filter.mine]);
  const { data, error } = await q.order('status').order('scheduled_on', { ascending: true }).limit(500);
  if (error) fail(error);
  return (data ?? []) as unknown as InspectionRow[];
}

export async function fetchInspection(id: string): Promise<InspectionRow | null> {
  const { data, error } = await supabaseClient.from('inspections').select(INSPECTION_COLUMNS).eq('id', id).maybeSingle();
  if (error) {
    if (error.code === '22P02') return null;
    fail(error);
  }
  return data as unknown as InspectionRow | null;
}

export async function fetchChecklist(inspectionId: string): Promise<ChecklistItem[]> {
  const { data, error } = await supabaseClient.rpc('inspection_checklist', { inspection_id: inspectionId });
  if (error) fail(error);
  return data ?? [];
}

export async function fetchFindings(inspectionId: string): Promise<FindingRow[]> {
  const { data, error } = await supabaseClient.from('inspection_findings').select('*').eq('inspection_id', inspectionId).order('id');
  if (error) fail(error);
  return data ?? [];
}

export async function recordInspection(input: {
  inspectionId: string;
  findings: FindingInput[];
  result: 'pass' | 'rectify' | 'fail';
  summary?: string;
  rectifyBy?: string;
}): Promise<void> {
  const { error } = await supabaseClient.rpc('record_inspection', {
    inspection_id: input.inspectionId,
    findings: input.findings as unknown as Json,
    result: input.result,
    ...(input.summary ? { summary: input.summary } : {}),
    ...(input.rectifyBy ? { rectify_by: input.rectifyBy } : {}),
  });
  if (error) fail(error);
}

// ---------------------------------------------------------------------------------------------
// Photos (bucket inspection-photos: findings/<inspection>/…, rectifications/<rectification>/…)
// ---------------------------------------------------------------------------------------------

let counter = 0;

/** Checks type and size here (the bucket and the database check again), uploads, returns the path. */
export async function uploadInspectionPhoto(folder: string, file: File): Promise<string> {
  const problem = photoProblem(file, INSPECTION_PHOTO_LIMITS);
  if (problem) fail({ message: problem });
  counter += 1;
  const path = `${folder}/${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}.${photoExtension(file.type)}`;
  const { error } = await supabaseClient.storage.from(INSPECTION_PHOTO_BUCKET).upload(path, file, { contentType: file.type, upsert: false });
  if (error) fail(error);
  return path;
}

export async function signedPhotoUrl(path: string): Promise<string | null> {
  const { data } = await supabaseClient.storage.from(INSPECTION_PHOTO_BUCKET).createSignedUrl(path, 600);
  return data?.signedUrl ?? null;
}

// ---------------------------------------------------------------------------------------------
// Rectifications
// ---------------------------------------------------------------------------------------------

export type RectificationListRow = RectificationQueueRow & Pick<RectificationRow, 'operator_report' | 'evidence_paths' | 'recheck_note'>;

export async function fetchRectifications(): Promise<RectificationListRow[]> {
  const [queue, rows] = await Promise.all([
    supabaseClient.from('rectification_queue').select('*').order('deadline_on', { ascending: true }).limit(500),
    supabaseClient.from('rectifications').select('id,operator_report,evidence_paths,recheck_note').limit(500),
  ]);
  if (queue.error) fail(queue.error);
  if (rows.error) fail(rows.error);
  const extra = new Map((rows.data ?? []).map((r) => [r.id, r]));
  const list = (queue.data ?? []).map((q) => ({
    ...q,
    operator_report: extra.get(q.id ?? '')?.operator_report ?? null,
    evidence_paths: extra.get(q.id ?? '')?.evidence_paths ?? [],
    recheck_note: extra.get(q.id ?? '')?.recheck_note ?? null,
  }));
  // open and reported first, closed last
  return [...list.filter((r) => r.status !== 'closed'), ...list.filter((r) => r.status === 'closed')];
}

export async function reportRectification(id: string, report: string, evidencePaths: string[]): Promise<void> {
  const { error } = await supabaseClient.rpc('report_rectification', { rectification_id: id, report, evidence_paths: evidencePaths });
  if (error) fail(error);
}

export async function recheckRectification(id: string, passed: boolean, note: string): Promise<void> {
  const { error } = await supabaseClient.rpc('recheck_rectification', { rectification_id: id, passed, note });
  if (error) fail(error);
}

// ---------------------------------------------------------------------------------------------
// 检查清单 per region (…12000_create_checklist_editor.sql): region_checklist() is the effective
// list with sources; writes go straight to inspection_checklist_items (RLS: admins of the region).
// ---------------------------------------------------------------------------------------------

export type RegionChecklistItem = RpcRow<'region_checklist'>;
export type ChecklistItemValues = Pick<TablesInsert<'inspection_checklist_items'>, 'title' | 'requirement' | 'basis' | 'sort_order'>;

export const checklistKeys = { region: (code: string) => ['region-checklist', code] as const };

export async function fetchRegionChecklist(regionCode: string): Promise<RegionChecklistItem[]> {
  const { data, error } = await supabaseClient.rpc('region_checklist', { region_code: regionCode });
  if (error) fail(error);
  return data ?? [];
}

/** A code for an item the region adds (codes are lowercase letters and _; titles are Chinese). */
export function newChecklistCode(): string {
  const letters = Array.from(crypto.getRandomValues(new Uint8Array(10)), (b) => String.fromCharCode(97 + (b % 26))).join('');
  return `local_${letters}`;
}

/** Add an item, or override / disable an inherited one (a row of the region with the same code). */
export async function insertChecklistItem(row: ChecklistItemValues & { region_code: string; code: string; active?: boolean }): Promise<void> {
  const { error } = await supabaseClient.from('inspection_checklist_items').insert(row);
  if (error) fail(error);
}

export async function updateChecklistItem(id: number, patch: ChecklistItemValues & { active?: boolean }): Promise<void> {
  const { data, error } = await supabaseClient.from('inspection_checklist_items').update(patch).eq('id', id).select('id');
  if (error) fail(error);
  if (!data?.length) throw new Error('没有修改该检查项的权限（只能修改本辖区设置的检查项）');
}

/** Remove the region's own row: an added item disappears, an override gives way to the inherited item. */
export async function deleteChecklistItem(id: number): Promise<void> {
  const { data, error } = await supabaseClient.from('inspection_checklist_items').delete().eq('id', id).select('id');
  if (error) fail(error);
  if (!data?.length) throw new Error('没有删除该检查项的权限（只能删除本辖区设置的检查项）');
}
