import { describe, expect, it } from 'vitest';
import { canTransition, filingDocumentPath, isEditableByOperator, materialFileSchema, missingMaterials, nextStatuses, requiredMaterials } from './filings.ts';

describe('filing state machine', () => {
  it('lets operators submit and counties decide, nothing else', () => {
    expect(nextStatuses('draft', 'operator')).toEqual(['submitted']);
    expect(nextStatuses('returned', 'operator')).toEqual(['submitted']);
    expect(nextStatuses('under_review', 'county_admin')).toEqual(['returned', 'approved', 'rejected']);
    expect(canTransition('under_review', 'approved', 'operator')).toBe(false);
    expect(canTransition('draft', 'approved', 'county_admin')).toBe(false);
    expect(canTransition('approved', 'draft', 'county_admin')).toBe(false);
    expect(isEditableByOperator('returned')).toBe(true);
    expect(isEditableByOperator('under_review')).toBe(false);
  });
  it('knows the required materials', () => {
    expect(requiredMaterials('cancel', true)).toEqual(['filing_form']);
    expect(requiredMaterials('new', true)).toContain('food_licence');
    expect(requiredMaterials('new', false)).not.toContain('food_licence');
    expect(missingMaterials('new', false, ['filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation'])).toEqual(['fire_safety']);
  });
  it('checks material files and builds storage paths', () => {
    expect(materialFileSchema.safeParse({ name: 'a.docx', type: 'application/msword', size: 10 }).error?.issues[0]?.message).toBe('仅支持 JPG、PNG 或 PDF 文件');
    expect(materialFileSchema.safeParse({ name: 'a.pdf', type: 'application/pdf', size: 21 * 1024 * 1024 }).error?.issues[0]?.message).toBe('文件不能超过20MB');
    expect(filingDocumentPath('370830000000', 'i', 'f', '营业执照 副本.pdf')).toBe('370830000000/i/f/_.pdf');
  });
});
