import { describe, expect, it } from 'vitest';
import { checklistForRpc, formatBytes } from './checklist.ts';

describe('checklistForRpc', () => {
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

describe('formatBytes', () => {
  it('prints sizes people read', () => {
    expect([formatBytes(68), formatBytes(204800), formatBytes(3 * 1024 * 1024)]).toEqual(['68 B', '200 KB', '3.0 MB']);
  });
});
