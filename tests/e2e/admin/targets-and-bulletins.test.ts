/**
 * 人口与目标 and 通报 (issue 15): 济宁’s city admin sets the city’s own 普惠托位占比 target (the form
 * refuses a share above 100), sees the statistics screen measure against it, clears it to inherit
 * 山东’s again; then opens the November bulletin and finds the counties behind target.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import { AdminStatisticsPage } from '../pages/admin-statistics.ts';
import { AdminBulletinPage, AdminTargetsPage } from '../pages/admin-targets.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const jining = findDemoAccount('city_admin', '济宁');
const wenshang = findDemoAccount('county_admin', '汶上');
const ZHONGDU = '370830001000'; // 汶上县中都街道
const JINING = '370800000000';
const WENSHANG = '370830000000';
let browser: Browser & { cleanup(): Promise<void> };

/** A blank page signed in as `account` (the test opens its page). */
function signIn(account = jining!): Promise<Page> {
  return adminPageAs(browser, account);
}

describe.skipIf(!jining)('人口与目标 and 通报 for 济宁’s city admin', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('sets the city’s own target, the statistics screen measures against it, clearing inherits again', async () => {
    const page = await signIn();
    const targets = new AdminTargetsPage(page, adminUrl);
    await targets.goto();
    await expect.poll(() => new AdminLayout(page).menuLabels()).toEqual(expect.arrayContaining(['人口与目标', '通报']));

    // nothing of its own: 山东’s 2025 goal, and 汶上 inherits the city’s 4.5 per 1,000
    expect(await targets.target(JINING, 'affordable_share')).toEqual({ source: 'inherited', text: '60% 沿用山东省2025年目标' });
    expect(await targets.target(WENSHANG, 'slots_per_1000')).toEqual({ source: 'inherited', text: '4.50 沿用济宁市2025年目标' });

    const dialog = await targets.open(JINING, 'affordable_share');
    expect(await dialog.getByTestId('target-inherited').innerText()).toContain('目前沿用山东省2025年目标：60%');
    await targets.enter(dialog, '120');
    await dialog.getByText('普惠托位占比是百分比，目标须在0–100之间').waitFor({ state: 'visible' });
    await targets.enter(dialog, '99');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => targets.target(JINING, 'affordable_share')).toEqual({ source: 'own', text: '99% 本级' });

    const stats = new AdminStatisticsPage(page, adminUrl);
    await stats.goto();
    await expect.poll(() => page.getByTestId('indicator-affordable_share').innerText()).toContain('目标 99%');
    expect(await page.getByTestId('indicator-affordable_share-met').innerText()).toBe('未达标');
    await saveScreenshot(page, 'admin-statistics-own-target');

    await targets.goto();
    await targets.clear(await targets.open(JINING, 'affordable_share'));
    await expect.poll(() => targets.target(JINING, 'affordable_share')).toEqual({ source: 'inherited', text: '60% 沿用山东省2025年目标' });
    await stats.goto();
    await expect.poll(() => page.getByTestId('indicator-affordable_share').innerText()).toContain('目标 60%');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it.skipIf(!wenshang)('汶上’s county admin: its county and streets, population checked by the form, no bulletins', async () => {
    const page = await signIn(wenshang!);
    const targets = new AdminTargetsPage(page, adminUrl);
    await targets.goto();
    await expect.poll(() => new AdminLayout(page).menuLabels()).toContain('人口与目标');
    expect(await new AdminLayout(page).menuLabels()).not.toContain('通报');
    // the county itself (its own 2023 count targets are not this year's) and its streets; not the city
    await targets.cell(ZHONGDU, 'slots_per_1000').waitFor({ state: 'visible' });
    expect(await targets.cell(JINING, 'slots_per_1000').count()).toBe(0);
    expect(await targets.target(ZHONGDU, 'slots_per_1000')).toEqual({ source: 'inherited', text: '4.50 沿用济宁市2025年目标' });

    expect(await targets.population(ZHONGDU)).toContain('未填报');
    const dialog = await targets.enterPopulation(ZHONGDU, { resident: '52000', under3: '60000', source: '2026年街道统计' });
    await dialog.getByText('3岁以下婴幼儿数不能超过常住人口').waitFor({ state: 'visible' });
    await targets.enterPopulation(ZHONGDU, { resident: '52000', under3: '1300', source: '2026年街道统计' });
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => targets.population(ZHONGDU)).toMatch(/^52,000 本级\d{4}年$/);
    await targets.clearPopulation(ZHONGDU);
    await expect.poll(() => targets.population(ZHONGDU)).toContain('未填报');

    await page.goto(`${adminUrl}/bulletins`);
    await page.getByTestId('forbidden').waitFor({ state: 'visible' });
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('the November bulletin lists every county against its targets and names who is behind; prints and exports', async () => {
    const page = await signIn();
    const bulletin = new AdminBulletinPage(page, adminUrl);
    await bulletin.goto('month', '2026-11-01');
    expect(await bulletin.title()).toBe('济宁市普惠托育服务发展情况通报（2026年11月）');
    expect(await bulletin.rows().count()).toBeGreaterThanOrEqual(11);
    const behind = await bulletin.behind();
    // 微山县: 2,552 slots for 580,000 people = 4.40 per 1,000 against 4.5 (the seed’s figures)
    expect(behind.find((b) => b.startsWith('微山县'))).toContain('千人托位数 4.40（目标 4.50）');
    // 汶上县 meets its slot figures; its street coverage is behind since 普惠 was withdrawn in
    // 白石镇 and 军屯乡 on 2025-06-30 (supabase/seeds/74_planner.sql): 13 of 15 streets. (Other
    // browser tests place children, which moves its health-record rate: not asserted here.)
    const wenshangBehind = behind.find((b) => b.startsWith('汶上县')) ?? '';
    expect(wenshangBehind).toContain('街道（乡镇）普惠覆盖率 86.67%（目标 90%）');
    expect(wenshangBehind).not.toContain('千人托位数');
    await expect.poll(() => page.getByTestId('bulletin-summary').innerText()).toContain('截至2026年11月30日');

    // on paper only the bulletin: no menu, no buttons
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('bulletin-export').isVisible()).toBe(false);
    expect(await page.getByTestId('bulletin').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await saveScreenshot(page, 'admin-bulletin-jining');

    const download = page.waitForEvent('download');
    await page.getByTestId('bulletin-export').click();
    expect((await download).suggestedFilename()).toMatch(/^济宁市普惠托育服务发展情况通报（2026年11月）-\d{8}\.xlsx$/);

    // the weekly one: the ISO week, figures on its Sunday
    await bulletin.goto('week', '2026-11-25');
    expect(await bulletin.title()).toBe('济宁市普惠托育服务发展情况通报（2026年第48周，11月23日—11月29日）');
    expectNoPageErrors(page);
    await page.context().close();
  });
});
