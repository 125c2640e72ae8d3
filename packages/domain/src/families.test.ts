import { describe, expect, it } from 'vitest';
import { ageInMonths, formatAgeMonths, formatChinaDateTime } from './families.ts';

describe('ageInMonths (as Postgres age())', () => {
  it('counts whole months', () => {
    expect(ageInMonths('2025-04-01', '2026-12-04')).toBe(20);
    expect(ageInMonths('2025-04-05', '2026-12-04')).toBe(19);
    expect(ageInMonths('2026-01-31', '2026-02-28')).toBe(0);
    expect(ageInMonths('2026-01-31', '2026-03-01')).toBe(1);
    expect(ageInMonths('2027-01-01', '2026-12-04')).toBe(0);
  });
  it('formats ages and deadlines in Chinese', () => {
    expect(formatAgeMonths(20)).toBe('1岁8个月（20个月）');
    expect(formatAgeMonths(24)).toBe('2岁（24个月）');
    expect(formatAgeMonths(8)).toBe('8个月');
    expect(formatChinaDateTime('2026-12-07T10:05:00Z')).toBe('12月7日 18:05');
  });
});
