import { describe, expect, it } from 'vitest';
import { formatDate, formatDateShort, formatDateTime } from './dates.ts';

describe('dates: one way of writing them in both apps', () => {
  it('writes prose dates without leading zeros', () => {
    expect(formatDate('2026-12-03')).toBe('2026年12月3日');
    expect(formatDate('2024-09-02')).toBe('2024年9月2日');
  });
  it('writes table dates as YYYY-MM-DD', () => {
    expect(formatDateShort('2026-12-03')).toBe('2026-12-03');
    expect(formatDateShort('2024-09-02')).toBe('2024-09-02');
  });
  it('takes timestamps as the China day, whatever the device time zone', () => {
    // 2026-12-03 17:30 UTC is already 12月4日 01:30 in Beijing
    expect(formatDate('2026-12-03T17:30:00Z')).toBe('2026年12月4日');
    expect(formatDateShort('2026-12-03T17:30:00+00:00')).toBe('2026-12-04');
    expect(formatDateTime('2026-12-03T10:05:00Z')).toBe('2026-12-03 18:05');
    expect(formatDate(new Date('2026-01-01T00:00:00+08:00'))).toBe('2026年1月1日');
  });
  it('names a date-only value as the day it is, never shifted', () => {
    expect(formatDate('2026-12-31')).toBe('2026年12月31日');
    expect(formatDateTime('2026-12-31')).toBe('2026-12-31');
  });
  it('writes a dash for nothing or nonsense', () => {
    for (const empty of [null, undefined, '', 'not a date']) {
      expect(formatDate(empty)).toBe('—');
      expect(formatDateShort(empty)).toBe('—');
      expect(formatDateTime(empty)).toBe('—');
    }
  });
});
