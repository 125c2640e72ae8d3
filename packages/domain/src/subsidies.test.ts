import { describe, expect, it } from 'vitest';
import { maskIdNumber, openSubsidyPeriods, subsidyPeriodLabel } from './subsidies.ts';

describe('subsidy periods', () => {
  it('opens a half-year from its last month on (as apply_for_subsidy does)', () => {
    expect(openSubsidyPeriods('2026-12-04', 2)).toEqual([{ year: 2026, half: 2 }, { year: 2026, half: 1 }]);
    expect(openSubsidyPeriods('2026-11-30', 2)).toEqual([{ year: 2026, half: 1 }, { year: 2025, half: 2 }]);
    expect(openSubsidyPeriods('2026-06-01', 1)).toEqual([{ year: 2026, half: 1 }]);
    expect(openSubsidyPeriods('2026-05-31', 1)).toEqual([{ year: 2025, half: 2 }]);
  });

  it('labels periods and masks ID numbers like SQL', () => {
    expect(subsidyPeriodLabel(2026, 1)).toBe('2026年上半年');
    expect(maskIdNumber('370830199003122422')).toBe('370830********2422');
  });
});
