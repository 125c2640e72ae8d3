import { describe, expect, it } from 'vitest';
import { errorMessage } from './errors.ts';
import { maskIdNumber, openSubsidyPeriods, subsidyAmountProblem, subsidyMinMonthsProblem, subsidyPeriodLabel, subsidyRuleProblem } from './subsidies.ts';

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

describe('subsidyRuleProblem (as private.subsidy_rules_before_write words it)', () => {
  it('accepts a sound rule of either kind', () => {
    expect(subsidyRuleProblem({ kind: 'operating', class_type: 'toddler', amount_yuan: 800.5, min_months: 3 })).toBeNull();
    expect(subsidyRuleProblem({ kind: 'construction', class_type: null, amount_yuan: 10000, min_months: 0 })).toBeNull();
    expect(subsidyAmountProblem('operating', 0.29)).toBeNull();
  });
  it('refuses bad amounts, months and kinds in Chinese', () => {
    expect(subsidyRuleProblem({ kind: 'operating', class_type: null, amount_yuan: 800, min_months: 3 })).toBe('运营补贴须选择班型');
    expect(subsidyRuleProblem({ kind: 'construction', class_type: 'infant', amount_yuan: 800, min_months: 0 })).toMatch(/不分班型/);
    expect(subsidyAmountProblem('operating', 0)).toBe('补贴标准金额应大于 0 元');
    expect(subsidyAmountProblem('operating', 800.123)).toBe('补贴标准金额最多保留两位小数');
    expect(subsidyAmountProblem('operating', 50000.01)).toBe('运营补贴标准不能超过每生每年 50,000 元');
    expect(subsidyAmountProblem('construction', 100001)).toBe('建设补助标准不能超过每个托位 100,000 元');
    expect(subsidyMinMonthsProblem(7)).toBe('最少在托月数应为 0～6 个月');
    expect(subsidyMinMonthsProblem(2.5)).toBe('最少在托月数应为 0～6 个月');
    expect(subsidyRuleProblem({ kind: 'operating', class_type: 'infant', amount_yuan: 900, min_months: 3, basis: '文'.repeat(301) })).toMatch(/300/);
  });
  it('a duplicate rule is worded from its constraint', () => {
    expect(errorMessage({ code: '23505', message: 'duplicate key value violates unique constraint "subsidy_rules_unique"' }))
      .toBe('该区划本年度已有此类别（班型）的补贴标准，请直接修改');
  });
});
