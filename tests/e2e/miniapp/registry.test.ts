/**
 * Public registry on H5 (phone viewport) against the seeded stack: search filed institutions by
 * name and by distance from a preset location (the map cannot render offline, so a list with
 * distances), filters narrowing the list, the institution page (filing number, classes, fees,
 * contact) and the home-based rule: a 家庭托育点 shows its area only, never its exact address.
 *
 * Seed facts used (supabase/seed.sql): filed in 汶上县 — 汶上县爱心托育中心 (center, 普惠, classes
 * 6–12/12–24/24–36 months, fees 全日托保育费 1200 元/月, phone 0537-7211001, 中都大街188号) and
 * 汶上县小太阳家庭托育点 (home_based, 普惠, 18–36 months, exact address 泉河小区6号楼…101室);
 * drafts 汶上县南站街道宝贝托育园 / 汶上县康驿镇启蒙托育园 (never public); filed in 任城区 —
 * 济宁市任城区金城托育中心 and 任城区仙营街道第一幼儿园托班 (~35 km from 汶上). seeds/40_figures.sql adds
 * hundreds of generated institutions across 济宁's streets, so lists are checked for what they must
 * and must not contain.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot } from '../support/browser.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappInstitutionPage } from '../pages/miniapp-institution.ts';
import { MiniappRegistryPage, type RegistryResult } from '../pages/miniapp-registry.ts';
import { I } from '../../support/fixtures.ts';

const miniappUrl = inject('miniappUrl');

const AIXIN = { id: I.aiXin, name: '汶上县爱心托育中心', filingNo: '37083020240001' };
const XIAOTAIYANG = { id: I.homeBased, name: '汶上县小太阳家庭托育点', filingNo: '37083020240002' };
const JINCHENG = { name: '济宁市任城区金城托育中心', filingNo: '37081120240001' };
const DRAFTS = ['汶上县南站街道宝贝托育园', '汶上县康驿镇启蒙托育园'];

let browser: Browser & { cleanup(): Promise<void> };

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.cleanup();
});

async function mobileApp(): Promise<{ page: Page; app: MiniappApp }> {
  const page = await openPage(browser, { mobile: true });
  return { page, app: new MiniappApp(page, miniappUrl) };
}

const names = (results: RegistryResult[]) => results.map((r) => r.name);

describe('mini-program H5: public registry', () => {
  it('finds filed institutions by name, never drafts', async () => {
    const { page, app } = await mobileApp();
    const registry = new MiniappRegistryPage(app);
    await registry.open();
    await registry.searchByName('金城');
    // 金城托育中心 and the demo registry's other institutions of 任城区金城街道
    const jincheng = names(await registry.results());
    expect(jincheng).toContain(JINCHENG.name);
    for (const name of jincheng) expect(name).toContain('金城');

    await registry.searchByName('汶上');
    const wenshang = names(await registry.results());
    expect(wenshang).toEqual(expect.arrayContaining([AIXIN.name, XIAOTAIYANG.name]));
    for (const draft of DRAFTS) expect(wenshang).not.toContain(draft);
    await saveScreenshot(page, 'miniapp-h5-registry-by-name');

    await registry.searchByName('不存在的托育机构名称');
    await app.byTestId('state-empty').waitFor();
    expect(await app.byTestId('state-empty').innerText()).toMatch(/没有|暂无|未找到/);
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('lists filed institutions near 汶上县城 with distances, nearest first, and filters narrow it', async () => {
    const { page, app } = await mobileApp();
    const registry = new MiniappRegistryPage(app);
    await registry.open();
    await registry.chooseRegion(['山东省', '济宁市', '汶上县'], { wholeLastLevel: true });
    const nearby = await registry.results();
    expect(names(nearby)).toEqual(expect.arrayContaining([AIXIN.name, XIAOTAIYANG.name]));
    expect(names(nearby)).not.toContain(JINCHENG.name);
    for (const draft of DRAFTS) expect(names(nearby)).not.toContain(draft);
    for (const result of nearby) {
      expect(result.distanceM, `distance label of ${result.name}: "${result.distance}"`).not.toBeNull();
      expect(result.distanceM ?? Infinity).toBeLessThan(10_000);
    }
    const distances = nearby.map((r) => r.distanceM ?? 0);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    await saveScreenshot(page, 'miniapp-h5-registry-nearby');

    // Type: 家庭托育点 only (the demo registry has more home points in 汶上's streets).
    await registry.tapFilter('registry-filter-type', '家庭托育点');
    const homes = names(await registry.results());
    expect(homes).toContain(XIAOTAIYANG.name);
    expect(homes).not.toContain(AIXIN.name);
    for (const name of homes) expect(name).toContain('家庭托育点');
    await registry.tapFilter('registry-filter-type', '不限');
    expect(names(await registry.results()).length).toBe(nearby.length);

    // Service: 计时托 — 爱心 offers hourly care, the home point does not.
    await registry.tapFilter('registry-filter-service', '计时托');
    const hourly = names(await registry.results());
    expect(hourly).toContain(AIXIN.name);
    expect(hourly).not.toContain(XIAOTAIYANG.name);
    await registry.tapFilter('registry-filter-service', '不限');

    // 只看普惠 keeps both (both are 普惠) — the filter is sent, nothing is lost.
    await registry.tapFilter('registry-filter-affordable', '只看普惠');
    expect(names(await registry.results())).toEqual(expect.arrayContaining([AIXIN.name, XIAOTAIYANG.name]));

    // Child's age 8 months → only a centre with an infant class (6–12 months) remains.
    await registry.setAge('8');
    expect(await registry.filter('registry-filter-age-hint').innerText()).toContain('乳儿班');
    const infants = names(await registry.results());
    expect(infants).toContain(AIXIN.name);
    expect(infants).not.toContain(XIAOTAIYANG.name);
    await saveScreenshot(page, 'miniapp-h5-registry-filtered');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('finds the 任城区 institutions from a picked street’s centre; an empty search is explained next to the field', async () => {
    const { page, app } = await mobileApp();
    const registry = new MiniappRegistryPage(app);
    await registry.open({ q: '' });
    await app.byTestId('registry-name-submit').click();
    expect(await app.byTestId('registry-name-problem').innerText()).toContain('请输入机构名称');

    await registry.chooseRegion(['山东省', '济宁市', '任城区', '金城街道']);
    expect(await app.byTestId('registry-location-current').innerText()).toBe('任城区金城街道');
    expect(await app.byTestId('registry-name-problem').count()).toBe(0);
    const results = await registry.results();
    expect(names(results)).toContain(JINCHENG.name);
    expect(results.find((r) => r.name === JINCHENG.name)?.distanceM ?? Infinity).toBeLessThan(3000);
    expect(names(results)).not.toContain(AIXIN.name);
    expectNoPageErrors(page);
    await page.context().close();
  });
});

describe('mini-program H5: 找托育 tab', () => {
  it('searches the registry by name from the tab and opens the result', async () => {
    const { page, app } = await mobileApp();
    await app.open('pages/find/index');
    await app.byTestId('find-query').locator('input').fill('金城');
    const registry = new MiniappRegistryPage(app);
    await registry.searchWith(async () => {
      await app.byTestId('find-search').click();
      await app.settle();
    });
    expect(app.route()).toBe(MiniappRegistryPage.route);
    expect(names(await registry.results())).toContain(JINCHENG.name);
    await registry.openResult(JINCHENG.name);
    const institution = new MiniappInstitutionPage(app);
    await institution.waitUntilShown();
    expect(await institution.text('institution-filing-no')).toContain(JINCHENG.filingNo);
    expectNoPageErrors(page);
    await page.context().close();
  });
});

describe('mini-program H5: institution page', () => {
  it('shows the filing number, status, classes, fees, contact and address of a centre', async () => {
    const { page, app } = await mobileApp();
    const registry = new MiniappRegistryPage(app);
    await registry.open();
    await registry.searchByName('爱心');
    await registry.openResult(AIXIN.name);
    const institution = new MiniappInstitutionPage(app);
    await institution.waitUntilShown();
    expect(await institution.text('institution-name')).toBe(AIXIN.name);
    expect(await institution.text('institution-filing-no')).toContain(AIXIN.filingNo);
    expect(await institution.text('institution-filing-status')).toContain('已备案');
    const classes = await institution.rows('institution-class');
    expect(classes).toHaveLength(3);
    expect(classes.join('\n')).toContain('乳儿班');
    const fees = (await institution.rows('institution-fee')).join('\n');
    expect(fees).toContain('全日托保育费');
    expect(fees).toContain('1200');
    expect(await institution.text('institution-contact')).toContain('0537-7211001');
    expect(await institution.text('institution-address')).toContain('中都大街188号');
    await saveScreenshot(page, 'miniapp-h5-institution');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('shows only the area of a home-based point, never its exact address', async () => {
    const { page, app } = await mobileApp();
    const institution = new MiniappInstitutionPage(app);
    await institution.open(XIAOTAIYANG.id);
    expect(await institution.text('institution-filing-no')).toContain(XIAOTAIYANG.filingNo);
    const address = await institution.text('institution-address');
    expect(address).toMatch(/汶上/);
    const body = await app.current().innerText();
    for (const secret of ['泉河小区', '6号楼', '101室']) expect(body).not.toContain(secret);
    await saveScreenshot(page, 'miniapp-h5-institution-home-based');
    expectNoPageErrors(page);
    await page.context().close();
  });
});
