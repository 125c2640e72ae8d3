/**
 * Region scoping seen through the admin (the demo registry holds hundreds of 济宁 institutions, so
 * lists are compared page by page with what the service role reads): the county admin of 汶上县 manages 汶上's institutions
 * (including unfiled drafts) and none of 任城区's (same city), and the county admin of 任城区 the
 * opposite. Filed institutions are public data, so the registry list is narrowed to the person's
 * jurisdiction; unfiled ones of another county stay invisible even when opened by URL (RLS).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminInstitutionsPage } from '../pages/admin-institutions.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import { R } from '../../support/fixtures.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const WENSHANG = R.wenshang;
const RENCHENG = R.rencheng;

const adminUrl = inject('adminUrl');
const wenshangAdmin = findDemoAccount('county_admin', '汶上');
const renchengAdmin = findDemoAccount('county_admin', '任城');
const jiningAdmin = findDemoAccount('city_admin', '济宁');

type Institution = { id: string; name: string; county_code: string; city_code: string; status: string };

/** All institutions as the service role sees them (the ground truth to compare the UI with). */
async function allInstitutions(): Promise<Institution[]> {
  const key = inject('serviceRoleKey');
  const res = await fetch(`${inject('supabaseUrl')}/rest/v1/institutions?select=id,name,county_code,city_code,status&order=name`, {
    headers: { apikey: key, authorization: `Bearer ${key}` },
  });
  if (!res.ok) throw new Error(`reading institutions failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Institution[];
}

let browser: Browser & { cleanup(): Promise<void> };
let wenshang: Institution[] = [];
let rencheng: Institution[] = [];
let others: Institution[] = [];

describe.skipIf(!wenshangAdmin || !renchengAdmin)('institutions scoped by county', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    const all = await allInstitutions();
    wenshang = all.filter((i) => i.county_code === WENSHANG);
    rencheng = all.filter((i) => i.county_code === RENCHENG);
    others = all.filter((i) => i.city_code !== '370800000000');
    expect(wenshang.length, 'the demo seed has institutions in 汶上县').toBeGreaterThan(0);
    expect(rencheng.length, 'the demo seed has institutions in 任城区').toBeGreaterThan(0);
    expect(
      [...wenshang, ...rencheng].some((i) => i.status !== 'filed'),
      'the demo seed has an unfiled institution in one of the two counties',
    ).toBe(true);
  });

  afterAll(async () => {
    await browser?.cleanup();
  });

  for (const [label, accountOf, own, other] of [
    ['汶上县', () => wenshangAdmin, () => wenshang, () => rencheng],
    ['任城区', () => renchengAdmin, () => rencheng, () => wenshang],
  ] as const) {
    it(`the county admin of ${label} sees only their own county's institutions`, async () => {
      const page = await adminPageAs(browser, accountOf()!);
      const institutions = new AdminInstitutionsPage(page, adminUrl);
      await institutions.goto();
      expect(await new AdminLayout(page).roleLabel()).toBe('县级管理员');
      expect(await new AdminLayout(page).menuLabels()).toContain('托育机构');

      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ state: 'visible' });
      const names = await institutions.names();
      const firstPage = own().slice(0, 20).map((i) => i.name);
      expect(names.sort()).toEqual(firstPage.sort());
      for (const foreign of other()) expect(names).not.toContain(foreign.name);
      if (label === '汶上县') await saveScreenshot(page, 'admin-institutions-wenshang');

      // Searching for another county's institution by name finds nothing.
      const foreign = other()[0]!;
      await institutions.searchByName(foreign.name);
      await page.getByTestId('empty-state').waitFor({ state: 'visible' });
      expect(await institutions.names()).toEqual([]);

      // Own institutions open, drafts included; another county's unfiled institution does not.
      const ownDraft = own().find((i) => i.status !== 'filed') ?? own()[0]!;
      await institutions.gotoShow(ownDraft.id);
      expect(await institutions.detailName()).toBe(ownDraft.name);
      const foreignDrafts = other().filter((i) => i.status !== 'filed');
      for (const hidden of foreignDrafts) {
        await institutions.gotoShow(hidden.id);
        expect(await institutions.errorText()).toContain('未找到该机构，或您无权查看');
        expect(await page.locator('body').innerText()).not.toContain(hidden.name);
      }
      expectNoPageErrors(page);
      await page.context().close();
    });
  }

  it.skipIf(!jiningAdmin)('the city admin of 济宁 sees all its counties and narrows to one with the region selector', async () => {
    const page = await adminPageAs(browser, jiningAdmin!);
    const institutions = new AdminInstitutionsPage(page, adminUrl);
    await institutions.goto();
    const layout = new AdminLayout(page);
    expect(await layout.roleLabel()).toBe('市级管理员');
    await layout.regionSelector().waitFor({ state: 'visible' });

    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ state: 'visible' });
    const all = await institutions.names();
    // the first page of 济宁's institutions by name (every county of the city; the service role's order)
    const jining = (await allInstitutions()).filter((i) => i.city_code === '370800000000');
    expect(all.sort()).toEqual(jining.slice(0, 20).map((i) => i.name).sort());
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${jining.length} 家`);
    for (const outside of others) expect(all).not.toContain(outside.name);

    const response = page.waitForResponse((r) => r.url().includes('/rest/v1/institutions?') && r.url().includes('county_code'));
    await layout.selectRegion('汶上县');
    await response;
    await page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
    const narrowed = await institutions.names();
    expect(narrowed.sort()).toEqual(wenshang.slice(0, 20).map((i) => i.name).sort());
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${wenshang.length} 家`);
    await saveScreenshot(page, 'admin-institutions-city-region-selector');
    expectNoPageErrors(page);
    await page.context().close();
  });
});
