/**
 * Issue 13 §4, 检查计划 (双随机) in the admin: the 汶上县 county admin creates a plan for a period and
 * draws it — the page shows the recorded seed, the drawn institutions, the inspectors' order and the
 * multi-department teams; the plan cannot be drawn twice. The inspector sees no 新建 or 抽取 button.
 * (Reproducibility from the seed is integration-tested: tests/integration/oversight/inspections.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot, waitUntilSettled } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const county = findDemoAccount('county_admin', '汶上')!;
const inspector = findDemoAccount('inspector', '汶上')!;
const TITLE = `2027年第二季度双随机联合检查（e2e ${Date.now().toString(36)}）`;

let browser: Browser & { cleanup(): Promise<void> };
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.cleanup();
});

describe('admin: 双随机 inspection plans', () => {
  it('the county admin creates a plan and draws it; seed, institutions and teams are shown', async () => {
    const page = await adminPageAs(browser, county, '/inspection-plans');
    onTestFailed(async () => void (await saveScreenshot(page, 'inspection-plans-failed')));
    await page.getByTestId('plan-create').click();
    await page.getByTestId('plan-title').fill(TITLE);
    await page.getByPlaceholder('开始日期').click();
    await page.getByPlaceholder('开始日期').fill('2027-04-01');
    await page.keyboard.press('Enter');
    await page.getByPlaceholder('结束日期').fill('2027-06-30');
    await page.keyboard.press('Enter');
    await page.getByTestId('plan-create-submit').click();

    // the new plan's page, not yet drawn
    await page.getByTestId('plan-detail').waitFor();
    expect(await page.getByTestId('plan-drawn-at').innerText()).toContain('尚未抽取');
    const seed = (await page.getByTestId('plan-seed').innerText()).trim();
    expect(seed.length).toBeGreaterThanOrEqual(4);
    await page.getByTestId('plan-draw').click();
    const drawn = page.getByTestId('plan-drawn-institutions').locator('li');
    await drawn.first().waitFor();
    // the names arrive after the draw
    await expect.poll(async () => (await drawn.allInnerTexts()).every((t) => t !== '加载中…')).toBe(true);
    const institutions = await drawn.allInnerTexts();
    // drawn from 汶上's filed institutions (the demo registry holds dozens)
    expect(institutions.length).toBeGreaterThan(0);
    for (const name of institutions) expect(name).toMatch(/^汶上县/);
    expect(new Set(institutions).size).toBe(institutions.length);
    expect(await page.getByTestId('plan-drawn-inspectors').innerText()).toContain('郑检查员');
    const teams = page.getByTestId('plan-inspections').locator('tr.ant-table-row');
    await teams.first().waitFor();
    await expect.poll(() => teams.count()).toBe(institutions.length);
    expect(await teams.first().innerText()).toMatch(/卫健、市场监管、消防/);
    expect(await page.getByTestId('plan-draw').count()).toBe(0);
    expect((await page.getByTestId('plan-seed').innerText()).trim()).toBe(seed);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'inspection-plan-drawn');
    expectNoPageErrors(page);
  });

  it('an inspector reads plans but neither creates nor draws', async () => {
    const page = await adminPageAs(browser, inspector, '/inspection-plans');
    await page.getByTestId('plan-open').filter({ hasText: '2027年第一季度托育机构双随机联合检查' }).click();
    await page.getByTestId('plan-detail').waitFor();
    expect(await page.getByTestId('plan-draw').count()).toBe(0);
    await page.goto(`${adminUrl}/inspection-plans`);
    await page.getByTestId('plan-table').waitFor();
    expect(await page.getByTestId('plan-create').count()).toBe(0);
    expectNoPageErrors(page);
  });
});
