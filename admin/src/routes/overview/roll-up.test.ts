import { describe, expect, it } from 'vitest';
import type { CountyOverview } from './queries.ts';
import { overviewAreas, rollUpByCity } from './roll-up.ts';

const county = (code: string, name: string, city: string, cityName: string, n: number): CountyOverview =>
  ({
    county_code: code, county_name: name, city_code: city, city_name: cityName, province_code: '370000000000',
    filings_total: n, filings_draft: 0, filings_submitted: n, filings_under_review: 0, filings_returned: 0, filings_approved: 0,
    filings_rejected: 0, overdue_reviews: 1, institutions_total: n, institutions_filed: n, institutions_affordable: 0,
    slots: 10 * n, affordable_slots: 0, enrolled: n,
  }) as CountyOverview;

const ROWS = [
  county('370830000000', '汶上县', '370800000000', '济宁市', 2),
  county('370811000000', '任城区', '370800000000', '济宁市', 3),
  county('370102000000', '历下区', '370100000000', '济南市', 1),
];

describe('province overview by city', () => {
  it('sums each city’s counties into one row named after the city', () => {
    const cities = rollUpByCity(ROWS);
    expect(cities.map((c) => [c.county_name, c.counties, c.slots, c.overdue_reviews])).toEqual([
      ['济南市', 1, 10, 1],
      ['济宁市', 2, 50, 2],
    ]);
  });

  it('shows cities while the rows span several, and a chosen city’s counties', () => {
    expect(overviewAreas(ROWS, null).map((r) => r.level)).toEqual(['city', 'city']);
    expect(overviewAreas(ROWS, '370800000000').map((r) => r.county_name)).toEqual(['汶上县', '任城区']);
    expect(overviewAreas(ROWS.slice(0, 2), null).map((r) => r.level)).toEqual(['county', 'county']);
  });
});
