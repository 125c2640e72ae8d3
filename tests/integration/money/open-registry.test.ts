/**
 * Open data (issue 15 §7): the public registry of filed institutions, public fields only, as an
 * anonymous REST resource — JSON, and CSV with `Accept: text/csv` — per region. 家庭托育点 appear
 * as an area only (street name, no coordinates, masked phone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';
import { startTestStack, type TestStack } from '../../../packages/local-supabase/test/support/stack.ts';
import { I, R } from '../../support/fixtures.ts';

/** Every column of the open registry; anything else (a private field) fails this test. */
const PUBLIC_COLUMNS = [
  'filing_no', 'name', 'type', 'ownership', 'operating_model', 'affordable', 'services',
  'province_code', 'province_name', 'city_code', 'city_name', 'county_code', 'county_name', 'street_code', 'street_name',
  'public_address', 'public_lat', 'public_lng', 'public_contact_phone', 'slots', 'meals_served', 'opening_hours', 'filed_on',
];

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ workdir: REPO_ROOT, seed: 'always' });
});
afterAll(async () => {
  await stack?.close();
});

const get = (path: string, accept = 'application/json') =>
  stack.fetch(`${stack.url}/rest/v1/${path}`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${stack.anonKey}`, accept } });

describe('open_registry', () => {
  it('anyone reads filed institutions per region, public columns only', async () => {
    const res = await get(`open_registry?county_code=eq.${R.wenshang}&order=filing_no`);
    expect(res.status).toBe(200);
    const all = (await res.json()) as Record<string, unknown>[];
    // the fixtures of seed.sql (seeds/40_figures.sql adds a generated registry with numbers of earlier years)
    const rows = all.filter((r) => String(r.filing_no).startsWith('3708302024'));
    expect(rows.map((r) => r.filing_no)).toEqual(['37083020240001', '37083020240002']); // not the draft 南站 / 康驿
    for (const row of all) expect(Object.keys(row)).toEqual(PUBLIC_COLUMNS);
    // no home-based point anywhere gives its position
    for (const row of all.filter((r) => r.type === 'home_based')) expect(row).toMatchObject({ public_lat: null, public_lng: null });
    const home = rows.find((r) => r.type === 'home_based')!;
    expect(home).toMatchObject({ public_address: '汶上街道', public_lat: null, public_lng: null, public_contact_phone: '138****1234', slots: 5 });
  });

  it('as CSV with Accept: text/csv; no private value anywhere in the file', async () => {
    const res = await get(`open_registry?city_code=eq.${R.jining}&order=filing_no`, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await res.text();
    const [header, ...lines] = csv.trim().split('\n');
    expect(header!.split(',')).toEqual(PUBLIC_COLUMNS);
    const json = (await (await get(`open_registry?city_code=eq.${R.jining}&select=filing_no`)).json()) as unknown[];
    expect(json.length).toBeGreaterThanOrEqual(4);
    expect(lines).toHaveLength(json.length);
    const privateValues = await stack.testDb.db.query<{ v: string }>(
      `select s.address as v from public.institution_sites s where s.institution_id = $1
       union all select round(s.lat, 6)::text from public.institution_sites s where s.institution_id = $1
       union all select contact_phone from public.institutions where id = $1`, [I.homeBased]);
    expect(privateValues.rows).toHaveLength(3);
    for (const { v } of privateValues.rows) expect(csv).not.toContain(v);
    for (const field of ['contact_phone', 'created_by', 'premises_note', 'address', 'lat', 'lng']) expect(header!.split(',')).not.toContain(field);
  });
});
