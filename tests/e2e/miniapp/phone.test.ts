/**
 * The mini-program H5 at a phone's 390×844 (issue 16): every page has a title and a way back (Taro's
 * H5 navigation bar, as WeChat draws one), 备案核验 leads to the institution and home, browsing the
 * regions ends at a street's institutions, the search shows its first result on the first screen
 * (device location, or the region picker when the family refuses location), and the institution
 * page has a map link, photos, free places per class type and explained empty sections.
 *
 * Seed facts used (supabase/seed.sql): 汶上县爱心托育中心 (filed 37083020240001, 中都街道, classes
 * 乳儿班/托小班/托大班, site 35.7324, 116.4971). Other features add institutions in their seeds, so
 * nothing here counts results.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPhonePage, PHONE_VIEWPORT, saveScreenshot } from '../support/browser.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappHomePage } from '../pages/miniapp-home.ts';
import { MiniappInstitutionPage } from '../pages/miniapp-institution.ts';
import { MiniappRegionsPage } from '../pages/miniapp-regions.ts';
import { MiniappRegistryPage } from '../pages/miniapp-registry.ts';
import { MiniappVerifyPage } from '../pages/miniapp-verify.ts';
import { I } from '../../support/fixtures.ts';

const miniappUrl = inject('miniappUrl');
const AIXIN = { id: I.aiXin, name: '汶上县爱心托育中心', filingNo: '37083020240001', lat: 35.7324, lng: 116.4971 };
/** Near 爱心 in WGS-84 (what a phone's GPS reports; the app converts to GCJ-02). */
const NEAR_AIXIN_WGS84 = { latitude: 35.7339, longitude: 116.4914 };

let browser: Browser & { cleanup(): Promise<void> };
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.cleanup();
});

async function phone(options: Parameters<typeof openPhonePage>[1] = {}): Promise<{ page: Page; app: MiniappApp }> {
  const page = await openPhonePage(browser, options);
  return { page, app: new MiniappApp(page, miniappUrl) };
}

/** The element is on the first screen: its top edge is inside the viewport without scrolling. */
async function onFirstScreen(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(
    ([sel, height]) => {
      const pages = [...document.querySelectorAll('.taro_page')].filter((el) => (el as HTMLElement).offsetParent !== null);
      const el = pages[pages.length - 1]?.querySelector(sel as string);
      if (!el || window.scrollY !== 0) return false;
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.top + 40 <= (height as number);
    },
    [selector, PHONE_VIEWPORT.height] as const,
  );
}

describe('mini-program H5 at 390×844: titles and a way back', () => {
  it('shows each page’s title and goes back with the navigation bar', async () => {
    const { page, app } = await phone();
    const home = new MiniappHomePage(app);
    await home.open();
    expect(await app.navigationTitle()).toBe('托育一件事');
    expect(await app.navigationButton()).toBe('none'); // a tab page, as in WeChat

    await home.openEntry('home-entry-regions');
    const regions = new MiniappRegionsPage(app);
    expect(await regions.names()).toContain('山东省');
    expect(await app.navigationTitle()).toBe('行政区划');
    expect(await app.navigationButton()).toBe('back');
    await regions.tap('370000000000');
    expect(await regions.names()).toContain('济宁市');
    expect(await app.navigationTitle()).toBe('山东省');
    await saveScreenshot(page, 'miniapp-phone-regions-shandong');

    await app.tapNavigationBack();
    expect(app.route()).toBe(MiniappRegionsPage.route);
    expect(await regions.heading()).toBe('全国');
    await app.tapNavigationBack();
    expect(app.route()).toBe('pages/home/index');
    await app.byTestId('home-page').waitFor();
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('offers home on a page opened from a link (no page below it)', async () => {
    const { page, app } = await phone();
    const institution = new MiniappInstitutionPage(app);
    await institution.open(AIXIN.id);
    expect(await app.navigationTitle()).toBe('机构详情');
    expect(await app.navigationButton()).toBe('home');
    await app.tapNavigationBack();
    expect(app.route()).toBe('pages/home/index');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('links a verified filing to the institution’s page, and back, and home', async () => {
    const { page, app } = await phone();
    const verify = new MiniappVerifyPage(app);
    await verify.open(AIXIN.filingNo);
    expect((await verify.verdict()).valid).toBe(true);
    await saveScreenshot(page, 'miniapp-phone-verify');
    await app.byTestId('verify-open-institution').click();
    await app.settle();
    const institution = new MiniappInstitutionPage(app);
    await institution.waitUntilShown();
    expect(await institution.text('institution-name')).toBe(AIXIN.name);
    expect(await institution.text('institution-filing-no')).toContain(AIXIN.filingNo);

    await app.tapNavigationBack();
    expect(app.route()).toBe(MiniappVerifyPage.route);
    await app.byTestId('verify-home').click();
    await app.settle();
    expect(app.route()).toBe('pages/home/index');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('ends region browsing at the institutions of a street', async () => {
    const { page, app } = await phone();
    const regions = new MiniappRegionsPage(app);
    await regions.open({ parent: '370830000000', name: '汶上县' });
    await regions.names();
    await app.byTestId('region-item-370830001000').click(); // 中都街道
    await app.settle();
    expect(app.route()).toBe(MiniappRegistryPage.route);
    const registry = new MiniappRegistryPage(app);
    await registry.searchWith(async () => undefined);
    const results = await registry.results();
    expect(results.map((r) => r.name)).toContain(AIXIN.name);
    expect(await app.byTestId('registry-result-count').innerText()).toContain('中都街道');
    expect(await app.navigationButton()).toBe('back');
    await saveScreenshot(page, 'miniapp-phone-street-institutions');
    expectNoPageErrors(page);
    await page.context().close();
  });
});

describe('mini-program H5 at 390×844: search that fits a phone', () => {
  it('searches from the device’s location and shows the first result on the first screen', async () => {
    const { page, app } = await phone({ geolocation: NEAR_AIXIN_WGS84 });
    const registry = new MiniappRegistryPage(app);
    await registry.open();
    await registry.searchWith(async () => undefined);
    expect(await app.byTestId('registry-location-current').innerText()).toBe('当前位置附近');
    const results = await registry.results();
    expect(results.map((r) => r.name)).toContain(AIXIN.name);
    // GPS (WGS-84) converted to GCJ-02: 爱心 is a few hundred metres away, not ~600 m off
    expect(results.find((r) => r.name === AIXIN.name)?.distanceM ?? Infinity).toBeLessThan(400);
    expect(await onFirstScreen(page, '[data-testid="registry-result"]')).toBe(true);
    // the search button is in the app's colour (#e8590c), not WeChat's green
    const colour = await app.byTestId('registry-name-submit').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).toBe('rgb(232, 89, 12)');
    await saveScreenshot(page, 'miniapp-phone-search-nearby');

    // the filters open in a sheet and fold back into the bar
    await registry.tapFilter('registry-filter-affordable', '只看普惠');
    await saveScreenshot(page, 'miniapp-phone-search-filter-sheet');
    await registry.setAge('40');
    expect(await registry.filter('registry-filter-age-hint').innerText()).toContain('0～36');
    await registry.closeFilters();
    expect(await app.byTestId('registry-filter-toggle').innerText()).toContain('筛选 · 1');
    expect(await onFirstScreen(page, '[data-testid="registry-result"]')).toBe(true);
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('falls back to the region picker when location is refused, searching from the street’s centre', async () => {
    const { page, app } = await phone({ geolocation: 'denied' });
    const registry = new MiniappRegistryPage(app);
    await registry.open();
    await app.byTestId('registry-location-error').waitFor();
    expect(await app.byTestId('registry-location-error').innerText()).toContain('选择所在地区');
    await app.byTestId('registry-location-region').click();
    await app.byTestId('region-picker').waitFor();
    await saveScreenshot(page, 'miniapp-phone-region-picker');
    await app.byTestId('region-picker-close').click();

    await registry.chooseRegion(['山东省', '济宁市', '汶上县', '中都街道']);
    expect(await app.byTestId('registry-location-current').innerText()).toBe('汶上县中都街道');
    expect(await app.byTestId('registry-location-error').count()).toBe(0);
    const results = await registry.results();
    expect(results.map((r) => r.name)).toContain(AIXIN.name);
    expect(await onFirstScreen(page, '[data-testid="registry-result"]')).toBe(true);
    await saveScreenshot(page, 'miniapp-phone-search-by-region');
    expectNoPageErrors(page, [/geolocation/i]);
    await page.context().close();
  });
});

describe('mini-program H5 at 390×844: institution page', () => {
  it('has a map link, photos (or why not), free places per class type and explained empty sections', async () => {
    const { page, app } = await phone();
    const institution = new MiniappInstitutionPage(app);
    await institution.open(AIXIN.id);
    const href = await app.byTestId('institution-map-link').getAttribute('data-href');
    expect(href).toContain(`https://uri.amap.com/marker?position=${AIXIN.lng},${AIXIN.lat}`);
    await app.byTestId('institution-photos').locator('[data-testid="institution-photo"], [data-testid="institution-photos-empty"]').first().waitFor();
    const types = await institution.rows('institution-vacancy-type');
    expect(types.join('\n')).toContain('乳儿班');
    for (const row of types) expect(row).toMatch(/空位 \d+|已满/);
    // ratings and inspections: filled, or a stated empty state — never a blank card
    await app.byTestId('institution-rating-overall').or(app.byTestId('institution-rating-empty')).first().waitFor();
    await app.byTestId('institution-inspection').or(app.byTestId('institution-inspections-empty')).first().waitFor();
    await saveScreenshot(page, 'miniapp-phone-institution');
    expectNoPageErrors(page);
    await page.context().close();
  });
});
