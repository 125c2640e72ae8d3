/** The reviewer's per-material checklist (pure helpers, unit-tested). */
import type { MaterialType } from '@tuoyu/domain';

export type MaterialCheck = { ok: boolean | null; note?: string | null };
export type MaterialChecklist = Partial<Record<MaterialType, MaterialCheck>>;

/** Only verdicts that were given: the RPCs accept `{ ok: boolean, note? }` per material. */
export function checklistForRpc(checklist: MaterialChecklist): Record<string, { ok: boolean; note?: string }> {
  const result: Record<string, { ok: boolean; note?: string }> = {};
  for (const [type, check] of Object.entries(checklist)) {
    if (typeof check?.ok !== 'boolean') continue;
    const note = check.note?.trim();
    result[type] = note ? { ok: check.ok, note } : { ok: check.ok };
  }
  return result;
}

/** 12 KB / 1.5 MB / 512 B for people. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
