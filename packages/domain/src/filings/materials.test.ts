import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  MATERIAL_LABELS,
  MATERIAL_MAX_BYTES,
  MATERIAL_TYPES,
  materialMimeType,
  materialStoragePath,
  missingMaterials,
  missingMaterialsMessage,
  parseMaterialStoragePath,
  requiredMaterials,
  validateMaterialFile,
} from './materials.ts';

const ids = {
  countyCode: '370830000000',
  institutionId: '10000000-0000-4000-8000-000000000003',
  filingId: '40000000-0000-4000-8000-000000000003',
};

describe('filing materials', () => {
  it('labels every type in Chinese', () => {
    for (const m of MATERIAL_TYPES) expect(MATERIAL_LABELS[m]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('requires the national list, the food licence only when meals are served, the form only to cancel', () => {
    expect(requiredMaterials('new', false)).toEqual([
      'filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation', 'fire_safety',
    ]);
    expect(requiredMaterials('change', true)).toContain('food_licence');
    expect(requiredMaterials('cancel', true)).toEqual(['filing_form']);
  });

  it('lists missing materials with the database message', () => {
    const missing = missingMaterials('new', true, ['filing_form', 'business_licence', 'premises_proof', 'staff_certificates']);
    expect(missing).toEqual(['health_evaluation', 'fire_safety', 'food_licence']);
    expect(missingMaterialsMessage(missing)).toBe('缺少备案材料：卫生评价报告（合格）、消防安全证明、食品经营许可证');
    expect(missingMaterialsMessage([])).toBeNull();
  });

  it('accepts JPG, PNG and PDF up to 20 MB and explains refusals in Chinese', () => {
    expect(validateMaterialFile({ name: '营业执照.pdf', type: 'application/pdf', size: 1000 })).toBeNull();
    expect(validateMaterialFile({ name: 'a.JPG', type: '', size: 1000 })).toBeNull();
    expect(validateMaterialFile({ name: 'a.png', type: 'application/octet-stream', size: MATERIAL_MAX_BYTES })).toBeNull();
    expect(validateMaterialFile({ name: 'a.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10 }))
      .toMatch(/JPG、PNG 图片或 PDF/);
    expect(validateMaterialFile({ name: 'a.gif', type: 'image/gif', size: 10 })).toMatch(/文件类型不支持/);
    expect(validateMaterialFile({ name: 'a.pdf', type: 'application/pdf', size: MATERIAL_MAX_BYTES + 1 })).toMatch(/不能超过 20MB/);
    expect(validateMaterialFile({ name: 'a.pdf', type: 'application/pdf', size: 0 })).toMatch(/空/);
    expect(materialMimeType({ name: 'x.webp', type: 'image/webp' })).toBeNull();
  });

  it('builds storage keys in the folder the storage policies accept, ASCII only', () => {
    const key = materialStoragePath({ ...ids, materialType: 'fire_safety', mimeType: 'image/png', unique: 'ab12/../消防' });
    expect(key).toBe(`${ids.countyCode}/${ids.institutionId}/${ids.filingId}/fire_safety-ab12.png`);
    expect(parseMaterialStoragePath(key)).toEqual({ ...ids, fileName: 'fire_safety-ab12.png' });
    expect(parseMaterialStoragePath('370830000000/x/y/z.pdf')).toBeNull();
    expect(parseMaterialStoragePath(`${ids.countyCode}/${ids.institutionId}/${ids.filingId}`)).toBeNull();
  });

  it('prints sizes people read', () => {
    expect([formatBytes(68), formatBytes(204800), formatBytes(3 * 1024 * 1024)]).toEqual(['68 B', '200 KB', '3.0 MB']);
  });
});
