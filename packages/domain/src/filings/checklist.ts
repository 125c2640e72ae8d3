/**
 * The per-material review checklist stored in filings.materials and sent to approve_filing /
 * return_filing / reject_filing, mirroring private.normalize_filing_checklist and the approval rule.
 */
import { z } from 'zod';
import { MATERIAL_LABELS, MATERIAL_TYPES, type MaterialType } from './materials.ts';

export const checklistItemSchema = z.object({
  ok: z.boolean({ message: '请选择合格或不合格' }),
  note: z.string().max(500, '审核意见不能超过500字').optional(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const checklistSchema = z.partialRecord(z.enum(MATERIAL_TYPES), checklistItemSchema);
export type Checklist = Partial<Record<MaterialType, ChecklistItem>>;

export const reasonsSchema = z
  .string()
  .trim()
  .min(2, '请填写理由（至少2个字），告知机构需要补正的内容')
  .max(2000, '理由不能超过2000字');

/** Materials that block approval: required ones not marked 合格, and any marked 不合格. */
export function checklistBlockers(required: readonly MaterialType[], checklist: Checklist): MaterialType[] {
  const blocked = new Set<MaterialType>();
  for (const m of required) if (checklist[m]?.ok !== true) blocked.add(m);
  for (const m of MATERIAL_TYPES) if (checklist[m]?.ok === false) blocked.add(m);
  return MATERIAL_TYPES.filter((m) => blocked.has(m));
}

/** Null when the filing may be approved with this checklist, else the database's Chinese message. */
export function approvalProblem(required: readonly MaterialType[], checklist: Checklist): string | null {
  const blockers = checklistBlockers(required, checklist);
  if (blockers.length === 0) return null;
  const labels = [...blockers].sort().map((m) => MATERIAL_LABELS[m]);
  return `以下材料尚未审核合格：${labels.join('、')}`;
}

/** A verdict being edited in the review screen: `ok` is null until the reviewer decides. */
export type ChecklistDraftItem = { ok: boolean | null; note?: string | null };
export type ChecklistDraft = Partial<Record<MaterialType, ChecklistDraftItem>>;

/** The checklist the RPCs accept: only materials with a verdict, notes trimmed and dropped when empty. */
export function checklistForRpc(draft: ChecklistDraft): Checklist {
  const result: Checklist = {};
  for (const m of MATERIAL_TYPES) {
    const check = draft[m];
    if (typeof check?.ok !== 'boolean') continue;
    const note = check.note?.trim();
    result[m] = note ? { ok: check.ok, note } : { ok: check.ok };
  }
  return result;
}
