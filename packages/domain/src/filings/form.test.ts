import { describe, expect, it } from 'vitest';
import { FILING_FORM_FIELDS, FILING_FORM_LABELS, filingFormSchema, filingFormValueText } from './form.ts';

describe('filing form', () => {
  it('labels every field a kind asks for', () => {
    for (const fields of Object.values(FILING_FORM_FIELDS)) for (const f of fields) expect(FILING_FORM_LABELS[f]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('validates a kind’s form in Chinese', () => {
    const ok = { legal_representative: '王芳', contact_person: '王芳', contact_phone: '0537-7211001', total_slots: 60 };
    expect(filingFormSchema('new').safeParse(ok).success).toBe(true);
    const bad = filingFormSchema('new').safeParse({ ...ok, contact_phone: 'abc', total_slots: 0 });
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['联系电话格式不正确：只能包含数字和“-”，5～20 位', '托位总数应大于 0']);
    expect(filingFormSchema('change').safeParse({ ...ok, change_items: [], change_description: '新增托大班' }).error?.issues[0]?.message).toBe(
      '请至少选择一项变更事项',
    );
  });

  it('prints stored values', () => {
    expect(filingFormValueText(['地址', '开放时间'])).toBe('地址、开放时间');
    expect(filingFormValueText(true)).toBe('是');
    expect(filingFormValueText('')).toBe('—');
  });
});
