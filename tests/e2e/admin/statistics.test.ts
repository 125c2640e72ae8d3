/**
 * 指标统计 (issue 15): 汶上's county admin sees the reports' figures for 2023 with their formulas
 * and targets, the streets ranked, and clicks from the institutions figure to the rows behind it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import { AdminStatisticsPage } from '../pages/admin-statistics.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const wenshang = findDemoAccount('county_admin', '汶上');
let browser: Browser & { cleanup(): Promise<void> };

describe.skipIf(!wenshang)('statistics for a county admin', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('汶上 2023: 3,142 slots = 4.55 per 1,000 with the formula; the institutions figure opens its rows', async () => {
    const page = await adminPageAs(browser, wenshang!);
    const stats = new AdminStatisticsPage(page, adminUrl);
    await stats.goto();
    await expect.poll(() => new AdminLayout(page).menuLabels()).toContain('指标统计');
    await stats.selectYear(2023);

    await expect.poll(() => stats.figure('slots')).toBe('3,142');
    expect(await stats.figure('slots_per_1000')).toBe('4.55');
    expect(await stats.formula('slots_per_1000')).toContain('托位数 ÷ 常住人口 × 1000');
    expect(await stats.figure('certified_staff_rate')).toBe('100%');
    await expect.poll(() => page.getByTestId('indicator-slots_per_1000-met').innerText()).toBe('达标');
    // the streets of 汶上, ranked
    expect(await stats.rankingRegions()).toEqual(expect.arrayContaining(['中都街道', '康驿镇']));
    await page.locator('[data-testid="statistics-chart-trend"] canvas').first().waitFor({ state: 'visible' });

    // from the figure to its rows: the institutions filed at the end of 2023 and their slots
    const institutions = await stats.figure('institutions');
    const title = await stats.drill('institutions');
    expect(title).toContain(`（${institutions}个，托位3142个）`);
    expect(await stats.drillRows().count()).toBe(Math.min(20, Number(institutions)));
    await expect.poll(() => stats.drillRows().first().innerText()).toContain('汶上县');
    await saveScreenshot(page, 'admin-statistics-wenshang');
    expectNoPageErrors(page);
    await page.context().close();
  });
});
