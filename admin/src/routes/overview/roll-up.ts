/** The province roll-up of the overview (pure; unit-tested in roll-up.test.ts). */
import type { CountyOverview } from './queries.ts';

const SUMMED = [
  'filings_total', 'filings_draft', 'filings_submitted', 'filings_under_review', 'filings_returned', 'filings_approved',
  'filings_rejected', 'overdue_reviews', 'institutions_total', 'institutions_filed', 'institutions_affordable', 'slots',
  'affordable_slots', 'enrolled',
] as const satisfies readonly (keyof CountyOverview)[];

/** An area row of the overview: a county, or a city summed over its counties. */
export type AreaOverview = CountyOverview & { level: 'county' | 'city'; counties: number };

/**
 * A province's overview reads by city (16 cities, not 151 counties): each city's counties summed
 * into one row, named after the city (`county_code`/`county_name` hold the city's code and name so
 * the table and charts take either). Counties stay counties when they all belong to one city.
 */
export function rollUpByCity(rows: CountyOverview[]): AreaOverview[] {
  const cities = new Map<string, AreaOverview>();
  for (const r of rows) {
    const key = r.city_code;
    const city = cities.get(key);
    if (!city) {
      cities.set(key, { ...r, county_code: r.city_code, county_name: r.city_name, level: 'city', counties: 1 });
      continue;
    }
    for (const field of SUMMED) city[field] += r[field];
    city.counties += 1;
  }
  return [...cities.values()].sort((a, b) => a.county_code.localeCompare(b.county_code));
}

/** The rows the overview shows: by city while they span several cities (unless one is chosen). */
export function overviewAreas(rows: CountyOverview[], city: string | null): AreaOverview[] {
  const counties = (city ? rows.filter((r) => r.city_code === city) : rows).map((r) => ({ ...r, level: 'county' as const, counties: 1 }));
  const spansCities = new Set(counties.map((r) => r.city_code)).size > 1;
  return spansCities ? rollUpByCity(counties) : counties;
}
