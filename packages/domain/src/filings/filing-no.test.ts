import { describe, expect, it } from 'vitest';
import { filingNoFromVerificationUrl, filingNoProblem, filingVerificationUrl, formatFilingNo, isFilingNo, parseFilingNo } from './filing-no.ts';

describe('filing numbers', () => {
  it('parses county code, year and sequence', () => {
    expect(parseFilingNo(' 37083020240001 ')).toEqual({ county6: '370830', countyCode: '370830000000', year: 2024, sequence: 1 });
    expect(isFilingNo('50010320240001')).toBe(true);
  });

  it('refuses what the trigger never produces', () => {
    for (const bad of ['', '3708302024001', '370830202400011', '37083020240000', '37080020240001', '37083018990001', 'ABCDEF20240001']) {
      expect(isFilingNo(bad), bad).toBe(false);
    }
  });

  it('formats from a 12-digit county code', () => {
    expect(formatFilingNo('370830000000', 2026, 12)).toBe('37083020260012');
    expect(() => formatFilingNo('370830000000', 2026, 0)).toThrow(/序号无效/);
    expect(() => formatFilingNo('3708', 2026, 1)).toThrow(/县区代码无效/);
  });

  it('explains problems in Chinese', () => {
    expect(filingNoProblem('')).toBe('请输入备案号');
    expect(filingNoProblem('37083020a40001')).toBe('备案号只包含数字');
    expect(filingNoProblem('3708302024')).toMatch(/14位/);
    expect(filingNoProblem('37080020240001')).toMatch(/格式不正确/);
    expect(filingNoProblem('37083020240001')).toBeNull();
    expect(filingVerificationUrl('https://x.cn/', '37083020240001')).toBe('https://x.cn/verify/37083020240001');
    expect(filingNoFromVerificationUrl(filingVerificationUrl('https://x.cn', '37083020240001'))).toBe('37083020240001');
    expect(filingNoFromVerificationUrl('https://x.cn/')).toBeNull();
  });
});
