/**
 * Issue 16: every role lands on its work (工作台) with counts, days left and links, and menu badges
 * for what waits; the main pages work at a phone's 390×844 (no sideways scrolling of the page, the
 * menu in a drawer); an unreachable API is reported as such. Screenshots of every landing at desktop
 * and phone width, and of the main pages at phone width, land in .test-artifacts/screenshots.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot, waitUntilSettled } from '../support/browser.ts';
import { demoAccounts, findDemoAccount, type DemoAccount } from '../pages/admin-accounts.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import { AdminWorkbench } from '../pages/admin-workbench.ts';
import { F, I } from '../../support/fixtures.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const ACCOUNTS = {
  county_admin: findDemoAccount('county_admin', '汶上'),
  operator: demoAccounts().find((a) => a.role === 'operator' && a.description.includes('汶上')),
  city_admin: findDemoAccount('city_admin', '济宁'),
  province_admin: findDemoAccount('province_admin'),
  inspector: findDemoAccount('inspector', '汶上'),
  community_worker: findDemoAccount('community_worker'),
};
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

let browser: Browser & { cleanup(): Promise<void> };

/**
 * A page at desktop or phone width signed in as `account`, opening `path` — by default the admin's
 * home, which sends each role to its landing as the sign-in form does.
 */
async function signIn(account: DemoAccount, phone = false, path = '/'): Promise<Page> {
  const page = await adminPageAs(browser, account, undefined, { mobile: phone });
  await page.setViewportSize(phone ? PHONE : DESKTOP);
  await page.goto(`${adminUrl}${path}`);
  return page;
}

/** The page does not scroll sideways: everything fits the viewport's width. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe.skipIf(Object.values(ACCOUNTS).some((a) => !a))('工作台 and phone width', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('each role lands on its own work, at desktop and phone width', async () => {
    for (const [role, account] of Object.entries(ACCOUNTS)) {
      for (const phone of [false, true]) {
        const page = await signIn(account!, phone);
        const workbench = new AdminWorkbench(page);
        expect(await workbench.waitForLanding(), role).toBe(role);
        if (role === 'county_admin') {
          const filings = await workbench.readKind('filing_review');
          expect(filings.total).toBeGreaterThanOrEqual(1);
          const nanZhan = filings.items.find((i) => i.title === '汶上县南站街道宝贝托育园');
          expect(nanZhan?.daysLeft).toMatch(/剩 \d+ 个工作日|今天到期|已超期/);
          await workbench.kind('complaint').waitFor();
          // 备案后发现问题告知 not yet confirmed fixed: the seeded 小太阳 notice, past its 改正期限
          const notices = await workbench.readKind('filing_notice_open');
          expect(notices.items.find((i) => i.title === '汶上县小太阳家庭托育点')?.daysLeft).toMatch(/^已超期 \d+ 天$/);
          // An item opens its screen; the menu (at desktop width; a closed drawer on a phone)
          // counts what waits, from the same query (other tests may add filings meanwhile).
          if (!phone) {
            const card = workbench.kind('filing_review');
            await expect
              .poll(async () => (await new AdminLayout(page).menuBadge('filing-reviews')) === Number(await card.getAttribute('data-total')))
              .toBe(true);
            await workbench.kind('filing_review').getByRole('link', { name: '汶上县南站街道宝贝托育园' }).click();
            await page.waitForURL((url) => url.pathname === `/filing-reviews/${F.nanZhanSubmitted}`);
            await page.getByTestId('review-screen').waitFor();
            await page.goBack();
            await workbench.kind('filing_review').waitFor();
          }
        } else if (role === 'operator') {
          await page.getByTestId('my-filing').first().waitFor();
          await workbench.kind('filing_todo').waitFor();
          await workbench.kind('staff_certificate').waitFor();
          await workbench.kind('enrollment_request').waitFor();
        } else if (role === 'city_admin' || role === 'province_admin') {
          await page.getByTestId('workbench-behind').waitFor();
          expect(await page.getByTestId('workbench-regional').innerText()).toContain('待审核备案');
          await expect.poll(async () => page.getByTestId('workbench-behind').innerText()).toContain('汶上县');
        } else if (role === 'inspector') {
          await workbench.kind('inspection').waitFor();
        } else {
          await workbench.kind('event_draft').waitFor();
          await workbench.kind('event_upcoming').waitFor();
        }
        await waitUntilSettled(page);
        expect(await horizontalOverflow(page), `${role} phone=${phone}`).toBeLessThanOrEqual(1);
        await saveScreenshot(page, `admin-workbench-${role}-${phone ? 'phone' : 'desktop'}`);
        expectNoPageErrors(page);
        await page.context().close();
      }
    }
  });

  it('the main pages work at 390 px: menu in a drawer, no sideways page scrolling', async () => {
    const pages: [DemoAccount, string[]][] = [
      [ACCOUNTS.county_admin!, ['/filing-reviews', `/filing-reviews/${F.nanZhanSubmitted}`, '/institutions', `/institutions/${I.aiXin}`, '/registry', '/complaints', '/events', '/overview', '/policies', '/regions']],
      [ACCOUNTS.operator!, [`/my-institution/${I.aiXin}`, '/filings', `/filings/${F.aiXinChangeDraft}`, '/enrollment']],
    ];
    for (const [account, paths] of pages) {
      const page = await signIn(account, true);
      await new AdminWorkbench(page).waitForLanding();
      // The menu opens from its button as a drawer and leads to a page.
      await page.locator('.ant-layout-header').waitFor();
      await page.locator('button:has(.anticon-bars)').click();
      await page.locator('.ant-drawer-open .ant-menu-item').first().waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      // Each screen as the menu opens it (the app's router; one page load per person, not one a screen).
      for (const path of paths) {
        await new AdminLayout(page).navigate(path);
        await page.locator('.ant-layout-content').waitFor();
        await waitUntilSettled(page);
        expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(1);
        await saveScreenshot(page, `admin-phone${path.replace(/\//g, '-').replace(/-[0-9a-f]{8}-[0-9a-f-]{27}/g, '-id')}`);
      }
      expectNoPageErrors(page);
      await page.context().close();
    }
  });

  it('a province’s overview reads by city and drills down to a city’s counties', async () => {
    const page = await signIn(ACCOUNTS.province_admin!, false, '/overview');
    const table = page.locator('[data-testid="overview-table"][data-state="ready"]');
    await table.waitFor();
    await expect.poll(() => table.getAttribute('data-level')).toBe('city');
    const cities = (await page.getByTestId('overview-city').allInnerTexts()).map((t) => t.replace(/\s/g, ''));
    expect(cities).toEqual(expect.arrayContaining(['济宁市', '济南市']));
    await page.locator('[data-testid="overview-chart-filings"] canvas').first().waitFor({ state: 'visible' });
    await saveScreenshot(page, 'admin-overview-province-cities');
    await page.getByTestId('overview-city').filter({ hasText: '济宁市' }).click();
    await expect.poll(() => table.getAttribute('data-level')).toBe('county');
    await expect.poll(async () => (await page.getByTestId('overview-county').allInnerTexts()).map((t) => t.trim())).toEqual(
      expect.arrayContaining(['汶上县', '任城区']),
    );
    expect(await page.getByTestId('overview-county').allInnerTexts()).not.toContain('历下区');
    await page.getByTestId('overview-back').click();
    await expect.poll(() => table.getAttribute('data-level')).toBe('city');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('every seeded material opens: the file in a new window, or a Chinese error page', async () => {
    const page = await signIn(ACCOUNTS.county_admin!, false, `/filing-reviews/${F.nanZhanSubmitted}`);
    const material = page.getByTestId('material-filing_form');
    await material.locator('object[data-testid="material-pdf"]').waitFor({ state: 'attached' });
    const popup = page.waitForEvent('popup');
    await material.getByTestId('material-open').first().click();
    const opened = await popup;
    await expect.poll(() => opened.url()).toMatch(/^blob:/);
    await opened.close();

    // A file the storage does not have: the preview and the new window say so in Chinese.
    await page.route('**/storage/v1/object/sign/**', (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 400, contentType: 'application/json', body: '{"statusCode":"404","error":"not_found","message":"Object not found"}' })
        : route.continue());
    await page.reload();
    const missing = page.getByTestId('material-business_licence');
    await missing.getByTestId('material-error').first().waitFor();
    expect(await missing.getByTestId('material-error').first().innerText()).toContain('材料文件不存在');
    const errorPopup = page.waitForEvent('popup');
    await missing.getByTestId('material-open').first().click();
    const errorPage = await errorPopup;
    await errorPage.getByTestId('material-error-page').waitFor();
    const text = await errorPage.locator('body').innerText();
    expect(text).toContain('无法打开材料');
    expect(text).not.toContain('Object not found');
    await saveScreenshot(errorPage, 'admin-material-error-page');
    await errorPage.close();
    expectNoPageErrors(page, [/status of 400/]);
    await page.context().close();
  });

  it('an unreachable API is reported as a network / service failure, not as a missing region', async () => {
    const page = await signIn(ACCOUNTS.county_admin!);
    await new AdminWorkbench(page).waitForLanding();
    // The API goes away (the session stays in the browser).
    await page.route('**/rest/v1/**', (route) => route.abort('connectionrefused'));
    for (const path of ['/institutions', '/workbench', '/filing-reviews']) {
      await page.goto(`${adminUrl}${path}`);
      const message = page.getByTestId('permissions-unavailable');
      await message.waitFor({ state: 'visible' });
      const text = await message.innerText();
      expect(text).toContain('暂时无法连接服务');
      expect(text).toContain('网络');
      expect(await page.locator('body').innerText()).not.toContain('没有管辖区域');
    }
    await saveScreenshot(page, 'admin-api-unreachable');
    // The refused requests are logged by Chromium as failed resources.
    expectNoPageErrors(page, [/ERR_CONNECTION_REFUSED|Failed to load resource|无法读取/]);
    await page.context().close();
  });
});
