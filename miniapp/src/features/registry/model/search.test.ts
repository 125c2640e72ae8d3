import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  describeFilters,
  nameProblem,
  NO_FILTERS,
  describeAge,
  distanceMeters,
  formatDistance,
  ilikePattern,
  matchesFilters,
  parseAgeMonths,
  parseCoordinates,
} from './search.ts';

describe('registry search rules', () => {
  it('formats distances in 米 and 公里', () => {
    expect(formatDistance(3)).toBe('10 米');
    expect(formatDistance(846)).toBe('850 米');
    expect(formatDistance(1234)).toBe('1.2 公里');
    expect(formatDistance(34_567)).toBe('35 公里');
  });

  it('measures great-circle distances like earthdistance (汶上 ↔ 任城 ≈ 35 km)', () => {
    const wenshang = { lat: 35.7324, lng: 116.4971 };
    const rencheng = { lat: 35.4149, lng: 116.5876 };
    expect(distanceMeters(wenshang, wenshang)).toBe(0);
    expect(distanceMeters(wenshang, rencheng)).toBeGreaterThan(34_000);
    expect(distanceMeters(wenshang, rencheng)).toBeLessThan(37_000);
  });

  it('reads the age box: empty = any age, 0–36 whole months, otherwise a Chinese message', () => {
    expect(parseAgeMonths('')).toEqual({ ok: true, value: null });
    expect(parseAgeMonths(' 8 ')).toEqual({ ok: true, value: 8 });
    expect(parseAgeMonths('36')).toEqual({ ok: true, value: 36 });
    for (const bad of ['37', '-1', '1.5', 'abc', '100']) {
      const parsed = parseAgeMonths(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('0～36');
    }
    expect(describeAge(8)).toContain('乳儿班');
    expect(describeAge(20)).toContain('托小班');
    expect(describeAge(20)).toContain('混龄班');
    expect(describeAge(3)).toContain('6 个月以上');
  });

  it('accepts coordinates inside China only, with Chinese messages', () => {
    expect(parseCoordinates('35.73', '116.49')).toEqual({ ok: true, value: { lat: 35.73, lng: 116.49 } });
    const outside = parseCoordinates('60', '116.49');
    expect(outside.ok).toBe(false);
    if (!outside.ok) expect(outside.message).toContain('纬度');
    const text = parseCoordinates('北纬', '');
    expect(text.ok).toBe(false);
    if (!text.ok) expect(text.message).toContain('数字');
  });

  it('applies the filters to name results like nearby_institutions does in SQL', () => {
    const center = {
      affordable: true,
      type: 'center',
      services: ['full_day', 'half_day'],
      classes: [{ min_age_months: 6, max_age_months: 12 }, { min_age_months: 24, max_age_months: 36 }],
    };
    expect(matchesFilters(center, NO_FILTERS)).toBe(true);
    expect(matchesFilters({ ...center, affordable: false }, { ...NO_FILTERS, affordableOnly: true })).toBe(false);
    expect(matchesFilters(center, { ...NO_FILTERS, type: 'home_based' })).toBe(false);
    expect(matchesFilters(center, { ...NO_FILTERS, service: 'hourly' })).toBe(false);
    expect(matchesFilters(center, { ...NO_FILTERS, service: 'half_day' })).toBe(true);
    expect(matchesFilters(center, { ...NO_FILTERS, ageMonths: 8 })).toBe(true);
    expect(matchesFilters(center, { ...NO_FILTERS, ageMonths: 18 })).toBe(false);
    const withPlaces = { ...center, classes: [{ min_age_months: 6, max_age_months: 12, capacity: 10, enrolled: 10 }, { min_age_months: 24, max_age_months: 36, capacity: 20, enrolled: 18 }] };
    expect(matchesFilters(withPlaces, { ...NO_FILTERS, vacantOnly: true })).toBe(true);
    expect(matchesFilters(withPlaces, { ...NO_FILTERS, vacantOnly: true, ageMonths: 8 })).toBe(false); // 乳儿班 full
    expect(matchesFilters(withPlaces, { ...NO_FILTERS, vacantOnly: true, ageMonths: 30 })).toBe(true);
  });

  it('escapes ilike wildcards the family typed', () => {
    expect(ilikePattern(' 爱心 ')).toBe('%爱心%');
    expect(ilikePattern('100%_托')).toBe('%100\\%\\_托%');
  });

  it('describes the folded filters and explains an empty search next to the field', () => {
    const filters = { ...NO_FILTERS, affordableOnly: true, type: 'home_based' as const, ageMonths: 8 };
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
    expect(activeFilterCount(filters)).toBe(3);
    expect(describeFilters(filters)).toEqual(['普惠', '家庭托育点', '8 个月']);
    expect(nameProblem('  ', false)).toContain('请输入机构名称');
    expect(nameProblem('', true)).toBeNull();
    expect(nameProblem('爱心', false)).toBeNull();
  });
});

describe('vacanciesByType', () => {
  it('sums the free places per class type, youngest first, leaving out types the institution has not', async () => {
    const { vacanciesByType } = await import('./search.ts');
    expect(vacanciesByType([
      { classType: 'toddler', capacity: 15, vacancies: 2 },
      { classType: 'infant', capacity: 10, vacancies: 0 },
      { classType: 'toddler', capacity: 15, vacancies: 1 },
    ])).toEqual([
      { classType: 'infant', label: '乳儿班', capacity: 10, vacancies: 0 },
      { classType: 'toddler', label: '托小班', capacity: 30, vacancies: 3 },
    ]);
  });
});
