import { describe, expect, it } from 'vitest';
import { BULLETIN_INDICATORS, bulletinTitle, monthPeriod, shortfalls, weekPeriod } from './bulletins.ts';
import { INDICATORS, populationSchema, targetValueSchema } from './targets.ts';

describe('bulletin periods', () => {
  it('a month runs from its first to its last day (leap years too)', () => {
    expect(monthPeriod(2026, 11)).toEqual({ kind: 'month', start: '2026-11-01', end: '2026-11-30', label: '2026年11月' });
    expect(monthPeriod(2024, 2).end).toBe('2024-02-29');
    expect(monthPeriod(2026, 12).end).toBe('2026-12-31');
  });

  it('a week is the ISO week, Monday to Sunday, numbered in its week-year', () => {
    expect(weekPeriod('2026-11-25')).toEqual({ kind: 'week', start: '2026-11-23', end: '2026-11-29', label: '2026年第48周，11月23日—11月29日' });
    expect(weekPeriod('2026-11-29').start).toBe('2026-11-23');
    expect(weekPeriod('2026-11-30').start).toBe('2026-11-30');
    // 2027-01-01 is a Friday: ISO week 53 of 2026
    expect(weekPeriod('2027-01-01').label).toBe('2026年第53周，12月28日—1月3日');
    expect(weekPeriod('2025-12-29').label).toBe('2026年第1周，12月29日—1月4日');
  });

  it('the title names the region and the period', () => {
    expect(bulletinTitle('济宁市', monthPeriod(2026, 11))).toBe('济宁市普惠托育服务发展情况通报（2026年11月）');
  });
});

describe('who is behind target', () => {
  it('lists each figure whose met column is false, with figure and target; null says nothing', () => {
    const row = {
      slots_per_1000: '3.90', slots_per_1000_target: '4.50', slots_per_1000_met: false,
      affordable_share: '72.00', affordable_share_target: '60', affordable_share_met: true,
      new_slots: 120, annual_task: '780', task_met: false,
      certified_staff_rate: null, certified_staff_rate_target: '90', certified_staff_rate_met: null,
    };
    expect(shortfalls(row)).toEqual([
      { key: 'slots_per_1000', label: '千人托位数', unit: '个/千人', value: 3.9, target: 4.5 },
      { key: 'new_slots', label: '新增托位', unit: '个', value: 120, target: 780 },
    ]);
  });

  it('the bulletin’s labels are the statistics screen’s (one home)', () => {
    for (const i of BULLETIN_INDICATORS) expect(INDICATORS).toContain(i);
  });
});

describe('target and population forms (as the database checks)', () => {
  const err = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;
  it('shares 0–100, counts whole, nothing negative', () => {
    expect(targetValueSchema('affordable_share').safeParse(60).success).toBe(true);
    expect(err(targetValueSchema('affordable_share').safeParse(120))).toBe('普惠托位占比是百分比，目标须在0–100之间');
    expect(err(targetValueSchema('slots_per_1000').safeParse(-1))).toBe('千人托位数目标不能为负数');
    expect(targetValueSchema('slots_per_1000').safeParse(4.5).success).toBe(true);
    expect(targetValueSchema('affordable_institutions').safeParse(300).success).toBe(true);
    expect(err(targetValueSchema('annual_new_slots').safeParse(12.5))).toBe('年度新增托位任务以“个”计，目标须为整数');
  });

  it('population: whole, non-negative, under-3 within the resident population, with a source', () => {
    expect(populationSchema.safeParse({ resident_population: 690500, under3_population: 12000, source: '统计公报' }).success).toBe(true);
    expect(err(populationSchema.safeParse({ resident_population: -1, source: '统计公报' }))).toBe('常住人口不能为负数');
    expect(err(populationSchema.safeParse({ resident_population: 100, under3_population: 200, source: '统计公报' }))).toBe('3岁以下婴幼儿数不能超过常住人口');
    expect(err(populationSchema.safeParse({ resident_population: 100, source: ' ' }))).toBe('请填写数据来源（如 统计公报）');
  });
});

describe('the database’s refusals in words', () => {
  it('a share above 100 refused by region_targets_percent_check reads in Chinese', async () => {
    const { errorMessage } = await import('./errors.ts');
    expect(errorMessage({ code: '23514', message: 'new row for relation "region_targets" violates check constraint "region_targets_percent_check"' }))
      .toBe('百分比目标须在0–100之间');
    expect(errorMessage({ code: '23514', message: 'new row for relation "region_populations" violates check constraint "region_populations_under3_check"' }))
      .toBe('3岁以下婴幼儿数不能超过常住人口');
  });
});
