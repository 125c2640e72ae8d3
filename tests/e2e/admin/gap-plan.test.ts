/**
 * 缺口规划 (issue 15 §4): 汶上's county admin follows the statistics screen's gap column to the
 * planner and sees the streets short of slots, the streets without 普惠 (seeds/74_planner.sql),
 * the residential points outside every 15-minute circle and the ranked candidates, and exports them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminGapPlanPage } from '../pages/admin-gap-plan.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import { AdminStatisticsPage } from '../pages/admin-statistics.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const wenshang = findDemoAccount('county_admin', '汶上');
let browser: Browser & { cleanup(): Promise<void> };

describe.skipIf(!wenshang)('gap planner for a county admin', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('汶上: from the gap column to the plan — streets without 普惠, points outside circles, a ranked list, XLSX', async () => {
    const page = await adminPageAs(browser, wenshang!);
    try {
      const stats = new AdminStatisticsPage(page, adminUrl);
      await stats.goto();
      await expect.poll(() => new AdminLayout(page).menuLabels()).toContain('缺口规划');
      await stats.rankingRegions();
      await page.getByTestId('statistics-gap-plan-link').click();
      await page.waitForURL((url) => url.pathname === '/gap-plan');
      const plan = new AdminGapPlanPage(page, adminUrl);
      await plan.ready();

      expect(await plan.regionsLacking()).toContain('中都街道');
      expect(await plan.streetsWithoutAffordable()).toEqual(expect.arrayContaining(['白石镇', '军屯乡']));
      expect(await plan.uncoveredAreas().count()).toBeGreaterThan(0);
      const first = plan.candidateRows().first();
      await expect.poll(() => first.innerText()).toMatch(/白石镇|军屯乡/);
      expect(await first.innerText()).toContain('首个普惠机构');
      await page.locator('[data-testid="gap-candidates-chart"] canvas').first().waitFor({ state: 'visible' });

      const download = page.waitForEvent('download');
      await page.getByTestId('gap-candidates-export').click();
      expect((await download).suggestedFilename()).toMatch(/^汶上县\d{4}年新增托位候选-\d{8}\.xlsx$/);
      await saveScreenshot(page, 'admin-gap-plan-wenshang');
      expectNoPageErrors(page);
    } catch (e) {
      await saveScreenshot(page, 'admin-gap-plan-failed');
      throw e;
    } finally {
      await page.context().close();
    }
  });
});
