/**
 * Issue 15 §5–§6 in the browser: the 汶上 county admin is warned that 孙梅 is listed at two
 * institutions (same ID number); the 任城 county admin approves 金城's subsidy application, whose
 * amount the database computed, and finds it under 已核准.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, pageErrorsOf, saveScreenshot, waitUntilSettled } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminOpenDataPage, AdminStaffRegistryPage, AdminSubsidyPage } from '../pages/admin-money.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const wenshangAdmin = findDemoAccount('county_admin', '汶上');
const renchengAdmin = findDemoAccount('county_admin', '任城');

let browser: Browser & { cleanup(): Promise<void> };


describe.skipIf(!wenshangAdmin || !renchengAdmin)('subsidies and the staff registry', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('warns the county when one person is listed at two institutions', async (ctx) => {
    const page = await adminPageAs(browser, wenshangAdmin!);
    try {
      const registry = new AdminStaffRegistryPage(page, adminUrl);
      await registry.goto();
      // Known PGlite issue: pgcrypto sometimes fails to initialise sha256 in the e2e stack's seed
      // ("Cipher cannot be initialized"); the seed then stores no ID numbers. Skip loudly, not flake.
      // (Settled = the table no longer loads, ID numbers included: "—" then means none is stored.)
      await waitUntilSettled(page);
      if ((await registry.row('赵丽').innerText()).includes('370830********1629') === false) {
        console.warn('[e2e] demo staff ID numbers missing (pgcrypto failed in the seed): duplicate warning not checked');
        ctx.skip();
      }
      const items = await registry.duplicateItems();
      expect(items).toHaveLength(2);
      expect(items[0]).toContain('孙梅（370830********2422）');
      expect(items.join(' ')).toContain('汶上县小太阳家庭托育点');
      expect(await registry.row('孙梅').first().getAttribute('data-duplicate')).toBe('yes');
      expect(await registry.row('赵丽').getAttribute('data-duplicate')).toBe('no');
      await expectNoPageErrors(page);
    } catch (e) {
      await saveScreenshot(page, 'staff-duplicates');
      throw e;
    } finally {
      await page.close();
    }
  });

  it('the county approves a computed subsidy application', async () => {
    const page = await adminPageAs(browser, renchengAdmin!);
    try {
      const subsidies = new AdminSubsidyPage(page, adminUrl);
      await subsidies.goto();
      await subsidies.openTab('审核');
      const row = subsidies.row('济宁市任城区金城托育中心');
      await row.waitFor({ state: 'visible' });
      expect(await row.getByTestId('subsidy-total').innerText()).toBe('11,800.00');
      await subsidies.approve('济宁市任城区金城托育中心');
      await row.waitFor({ state: 'detached' });
      await page.getByTestId('subsidy-status-filter').click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '已核准' }).click();
      const approved = subsidies.row('济宁市任城区金城托育中心');
      await approved.waitFor({ state: 'visible' });
      expect(await approved.getByTestId('subsidy-status').getAttribute('data-status')).toBe('approved');
      await expectNoPageErrors(page);
    } catch (e) {
      console.error('page errors:', pageErrorsOf(page));
      await saveScreenshot(page, 'subsidy-approve');
      throw e;
    } finally {
      await page.close();
    }
  });

  it('anyone downloads a county’s registry as CSV from the public page (home points as their street only)', async () => {
    const page = await openPage(browser);
    try {
      const open = new AdminOpenDataPage(page, adminUrl);
      await open.goto();
      await open.choose('山东省', '济宁市', '汶上县');
      // the city's rows are replaced by the county's once its query answers
      await expect.poll(async () => (await open.shown()).region, { timeout: 60_000 }).toBe('370830000000');
      const { count } = await open.shown();
      expect(count).toBeGreaterThanOrEqual(2);
      expect(await open.rows().count()).toBe(Math.min(count, 20)); // 20 a page
      const download = page.waitForEvent('download');
      await page.getByTestId('open-data-csv').click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('托育机构名录-汶上县.csv');
      const { readFile } = await import('node:fs/promises');
      const csv = await readFile((await file.path())!, 'utf8');
      expect(csv).toContain('37083020240002');
      // the header and every filed institution of the county, as many as the page says once settled
      const lines = csv.trim().split('\n').length;
      await expect.poll(async () => (await open.shown()).count).toBe(lines - 1);
      expect(csv).not.toContain('泉河小区'); // the home point's exact address
      await expectNoPageErrors(page);
    } catch (e) {
      console.error('page errors:', pageErrorsOf(page));
      await saveScreenshot(page, 'open-data');
      throw e;
    } finally {
      await page.close();
    }
  });
});
