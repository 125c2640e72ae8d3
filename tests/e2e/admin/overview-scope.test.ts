/**
 * 备案总览 for city admins: 济宁's admin sees both of its counties (汶上县, 任城区) in the table and
 * the charts, narrows to one with the region selector; 济南's admin sees none of 济宁's counties.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount, type DemoAccount } from '../pages/admin-accounts.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const jining = findDemoAccount('city_admin', '济宁');
const jinan = findDemoAccount('city_admin', '济南');
let browser: Browser & { cleanup(): Promise<void> };

async function openOverview(account: DemoAccount): Promise<Page> {
  const page = await adminPageAs(browser, account, '/overview');
  await page.locator('[data-testid="overview-table"][data-state="ready"]').waitFor({ state: 'visible' });
  // Menu entries appear as the access-control checks resolve.
  await expect.poll(() => new AdminLayout(page).menuLabels()).toContain('备案总览');
  return page;
}

async function counties(page: Page): Promise<string[]> {
  return (await page.getByTestId('overview-county').allInnerTexts()).map((t) => t.trim());
}

describe.skipIf(!jining || !jinan)('filing overview by county', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('济宁’s city admin sees 汶上县 and 任城区 as table and charts, and narrows with the region selector', async () => {
    const page = await openOverview(jining!);
    expect(await counties(page)).toEqual(expect.arrayContaining(['汶上县', '任城区']));
    await page.locator('[data-testid="overview-chart-filings"] canvas').first().waitFor({ state: 'visible' });
    await page.locator('[data-testid="overview-chart-slots"] canvas').first().waitFor({ state: 'visible' });
    const wenshangRow = page.locator('[data-testid="overview-table"] tr.ant-table-row').filter({ hasText: '汶上县' });
    expect(Number((await wenshangRow.locator('td').nth(11).innerText()).trim())).toBeGreaterThan(0); // slots
    await saveScreenshot(page, 'admin-overview-jining');

    const response = page.waitForResponse((r) => r.url().includes('/rest/v1/rpc/filing_overview'));
    await new AdminLayout(page).selectRegion('任城区');
    await response;
    await expect.poll(() => counties(page)).toEqual(['任城区']);
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('济南’s city admin does not see 济宁’s counties', async () => {
    const page = await openOverview(jinan!);
    const names = await counties(page);
    expect(names).not.toContain('汶上县');
    expect(names).not.toContain('任城区');
    expect(await page.locator('body').innerText()).not.toContain('济宁市');
    expectNoPageErrors(page);
    await page.context().close();
  });
});
