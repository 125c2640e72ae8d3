import { describe, expect, it } from 'vitest';
import { operatorErrorMessage } from './errors.ts';
import {
  allowedFilingKinds,
  healthCertificateState,
  latitudeError,
  longitudeError,
  materialFileError,
  materialObjectPath,
  parsePastedCoordinates,
  requiredMaterialList,
  workingDaysText,
} from './rules.ts';

describe('coordinates', () => {
  it('accepts China’s GCJ-02 ranges and refuses others in Chinese', () => {
    expect(latitudeError(35.7324)).toBeNull();
    expect(longitudeError(116.4971)).toBeNull();
    expect(latitudeError(99)).toContain('纬度应在 3.5～53.6 之间');
    expect(longitudeError(12)).toContain('经度应在 73.4～135.1 之间');
    expect(latitudeError(null)).toBe('请填写纬度');
  });

  it('reads pasted coordinates in either order', () => {
    expect(parsePastedCoordinates('116.4971,35.7324')).toEqual({ lat: 35.7324, lng: 116.4971 });
    expect(parsePastedCoordinates('35.7324， 116.4971')).toEqual({ lat: 35.7324, lng: 116.4971 });
    expect(parsePastedCoordinates('lat: 35.12345678 lng: 116.1')).toEqual({ lat: 35.123457, lng: 116.1 });
    expect(parsePastedCoordinates('2.1, 3.4')).toEqual({ error: expect.stringContaining('不在中国境内') });
    expect(parsePastedCoordinates('abc')).toEqual({ error: expect.stringContaining('未识别到坐标') });
  });
});

describe('health certificates', () => {
  it('flags expired and expiring (≤ 30 days) certificates', () => {
    expect(healthCertificateState('2026-01-01', '2026-01-02')).toBe('expired');
    expect(healthCertificateState('2026-01-31', '2026-01-02')).toBe('expiring');
    expect(healthCertificateState('2026-06-30', '2026-01-02')).toBe('valid');
    expect(healthCertificateState(null, '2026-01-02')).toBe('missing');
  });
});

describe('filings', () => {
  it('offers the kinds the insert trigger allows', () => {
    expect(allowedFilingKinds('draft')).toEqual(['new']);
    expect(allowedFilingKinds('cancelled')).toEqual(['new']);
    expect(allowedFilingKinds('filed')).toEqual(['change', 'cancel']);
  });

  it('needs the form only for a cancellation and a food licence when meals are served', () => {
    expect(requiredMaterialList('cancel', true).map((m) => m.type)).toEqual(['filing_form']);
    expect(requiredMaterialList('new', true).map((m) => m.type)).toContain('food_licence');
    expect(requiredMaterialList('change', false).map((m) => m.type)).not.toContain('food_licence');
  });

  it('checks material files before uploading', () => {
    expect(materialFileError({ name: 'a.png', type: 'image/png', size: 10 })).toBeNull();
    expect(materialFileError({ name: 'scan.PDF', type: '', size: 10 })).toBeNull();
    expect(materialFileError({ name: 'notes.txt', type: 'text/plain', size: 10 })).toContain('文件类型不支持');
    expect(materialFileError({ name: 'big.pdf', type: 'application/pdf', size: 21 * 1024 * 1024 })).toContain('不能超过 20MB');
    expect(materialFileError({ name: 'empty.pdf', type: 'application/pdf', size: 0 })).toContain('文件是空的');
  });

  it('builds the storage key the bucket policies expect', () => {
    expect(
      materialObjectPath({ countyCode: '370830000000', institutionId: 'i', filingId: 'f', material: 'fire_safety', mime: 'application/pdf', unique: 'a/b' }),
    ).toBe('370830000000/i/f/fire_safety-ab.pdf');
  });

  it('words the countdown', () => {
    expect(workingDaysText(5)).toBe('剩余 5 个工作日');
    expect(workingDaysText(0)).toBe('今日到期');
    expect(workingDaysText(-2)).toBe('已超期 2 个工作日');
  });
});

describe('operatorErrorMessage', () => {
  it('shows the database’s Chinese messages and names constraints in Chinese', () => {
    expect(operatorErrorMessage({ code: '23514', message: '乳儿班每班不超过10人' })).toBe('乳儿班每班不超过10人');
    expect(
      operatorErrorMessage({ code: '23514', message: 'new row for relation "institution_sites" violates check constraint "institution_sites_lat_check"' }),
    ).toContain('纬度应在 3.5～53.6 之间');
    expect(operatorErrorMessage({ statusCode: '415', message: 'mime type text/plain is not supported' })).toContain('JPG、PNG');
    expect(operatorErrorMessage({ code: '42501', message: 'new row violates row-level security policy for table "classes"' })).toContain('没有权限');
    expect(operatorErrorMessage({ message: 'Failed to fetch' })).toBe('无法连接服务器，请检查网络后重试');
  });
});
