/**
 * Mini-program H5 vertical thread at a phone viewport: 首页 shows 托育一件事 and its entries; the
 * regions page reads public.regions through supabase-js from the seeded local stack (山东省 →
 * 济宁市) with loading, empty and error states in Chinese.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot } from '../support/browser.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappHomePage } from '../pages/miniapp-home.ts';
import { MiniappRegionsPage } from '../pages/miniapp-regions.ts';

const miniappUrl = inject('miniappUrl');

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

describe('mini-program H5: home', () => {
  it('opens on 首页 with 托育一件事, the tab bar and the feature entries', async () => {
    const { page, app } = await mobileApp();
    await page.goto(`${miniappUrl}/`);
    await app.settle();
    const home = new MiniappHomePage(app);
    await app.byTestId('home-page').waitFor();
    expect(await home.title()).toBe('托育一件事');
    const tabs = await page.locator('.taro-tabbar__tabbar').innerText();
    for (const tab of ['首页', '找托育', '我的']) expect(tabs).toContain(tab);
    await saveScreenshot(page, 'miniapp-h5-home');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('goes from the home entry to the regions page', async () => {
    const { page, app } = await mobileApp();
    const home = new MiniappHomePage(app);
    await home.open();
    await home.openEntry('home-entry-regions');
    expect(app.route()).toBe(MiniappRegionsPage.route);
    const regions = new MiniappRegionsPage(app);
    expect(await regions.names()).toContain('山东省');
    expectNoPageErrors(page);
    await page.context().close();
  });
});

describe('mini-program H5: regions (public.regions through supabase-js)', () => {
  it('lists the seeded provinces, then 济宁市 under 山东省', async () => {
    const { page, app } = await mobileApp();
    const regions = new MiniappRegionsPage(app);
    await regions.open();
    const provinces = await regions.names();
    expect(provinces).toEqual(expect.arrayContaining(['山东省', '河南省', '重庆市']));
    await saveScreenshot(page, 'miniapp-h5-regions-provinces');

    await regions.tap('370000000000');
    expect(await regions.heading()).toContain('山东省');
    const cities = await regions.names();
    expect(cities).toContain('济宁市');
    expect(cities).not.toContain('山东省');
    await saveScreenshot(page, 'miniapp-h5-regions-shandong');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('shows the Chinese empty state under a street', async () => {
    const { page, app } = await mobileApp();
    const regions = new MiniappRegionsPage(app);
    await regions.open({ parent: '370830102000', name: '测试街道' });
    await app.waitForLoaded();
    await app.byTestId('state-empty').waitFor();
    expect(await app.byTestId('state-empty').innerText()).toContain('暂无');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('says in Chinese that the network failed, and retries', async () => {
    const { page, app } = await mobileApp();
    // The phone loses its connection: every request to the API fails at the network level.
    await page.route('**/rest/v1/regions**', (route) => route.abort('internetdisconnected'));
    const regions = new MiniappRegionsPage(app);
    await regions.open();
    await app.byTestId('state-error').waitFor();
    expect(await app.byTestId('state-error').innerText()).toContain('网络连接失败');
    await saveScreenshot(page, 'miniapp-h5-regions-offline');

    await page.unroute('**/rest/v1/regions**');
    await app.byTestId('state-retry').click();
    expect(await regions.names()).toContain('山东省');
    // The aborted requests are logged by Chromium as failed resources; nothing else may fail.
    expectNoPageErrors(page, [/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/, /TypeError: Failed to fetch/]);
    await page.context().close();
  });
});
