import { describe, expect, it } from 'vitest';
import { approvalProblem, checklistForRpc, checklistBlockers, checklistSchema, reasonsSchema } from './checklist.ts';
import { requiredMaterials } from './materials.ts';

describe('review checklist', () => {
  it('validates the shape the RPCs accept', () => {
    expect(checklistSchema.safeParse({ fire_safety: { ok: false, note: '已过期' } }).success).toBe(true);
    expect(checklistSchema.safeParse({ fire_safety: { ok: 'yes' } }).success).toBe(false);
    expect(checklistSchema.safeParse({ unknown_material: { ok: true } }).success).toBe(false);
  });

  it('blocks approval until every required material is 合格 and none is 不合格', () => {
    const required = requiredMaterials('new', false);
    const allOk = Object.fromEntries(required.map((m) => [m, { ok: true }]));
    expect(checklistBlockers(required, allOk)).toEqual([]);
    expect(approvalProblem(required, allOk)).toBeNull();
    expect(checklistBlockers(required, { ...allOk, other: { ok: false } })).toEqual(['other']);
    expect(approvalProblem(required, { ...allOk, fire_safety: { ok: false } })).toBe('以下材料尚未审核合格：消防安全证明');
    expect(approvalProblem(required, {})).toMatch(/^以下材料尚未审核合格：营业执照或法人证书、备案表、消防安全证明/);
  });

  it('needs reasons of 2–2000 characters', () => {
    expect(reasonsSchema.safeParse(' 好 ').success).toBe(false);
    expect(reasonsSchema.parse('  场所证明不清晰 ')).toBe('场所证明不清晰');
    expect(reasonsSchema.safeParse('字'.repeat(2001)).success).toBe(false);
  });

  it('sends only materials with a verdict, notes trimmed and dropped when empty', () => {
    expect(
      checklistForRpc({
        filing_form: { ok: true, note: '  ' },
        fire_safety: { ok: false, note: ' 已过期 ' },
        premises_proof: { ok: null, note: '待核实' },
      }),
    ).toEqual({ filing_form: { ok: true }, fire_safety: { ok: false, note: '已过期' } });
  });
});
