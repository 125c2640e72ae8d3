import { describe, expect, it } from 'vitest';
import { adminVerifyPath, DEFAULT_VERIFY_URL_BASE, filingNoFromVerifyUrl, verifyUrl } from './verify-url.ts';

describe('certificate QR target', () => {
  it('defaults to the mini-program H5 verification route', () => {
    expect(verifyUrl('37083020260001', undefined)).toBe(`${DEFAULT_VERIFY_URL_BASE}pages/verify/index?no=37083020260001`);
    expect(verifyUrl('37083020260001', '')).toBe('http://127.0.0.1:10086/#/pages/verify/index?no=37083020260001');
  });

  it('appends the route to a configured base, with or without a trailing slash', () => {
    expect(verifyUrl('37083020260001', 'https://h5.example.cn/#')).toBe('https://h5.example.cn/#/pages/verify/index?no=37083020260001');
  });

  it('uses a base with {no} as a full template (e.g. the admin’s own /verify page)', () => {
    expect(verifyUrl('37083020260001', 'https://admin.example.cn/verify/{no}')).toBe('https://admin.example.cn/verify/37083020260001');
  });

  it('reads the filing number back from either kind of URL', () => {
    expect(filingNoFromVerifyUrl(verifyUrl('37083020260001', undefined))).toBe('37083020260001');
    expect(filingNoFromVerifyUrl(`https://a.cn${adminVerifyPath('37083020260001')}`)).toBe('37083020260001');
    expect(filingNoFromVerifyUrl('https://a.cn/')).toBeNull();
  });
});
