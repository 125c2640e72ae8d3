/**
 * Issue 13 §4, 检查清单 per region in the admin: the 汶上县 county admin sees the effective checklist
 * (national items and 济宁市’s override, each with its source) and adds an item; the inspector reads
 * the same list without edit buttons and finds the item on the recording screen of their planned
 * inspection; the admin then removes it again. (Overrides, disabling, restoring and the refused
 * writes: tests/integration/oversight/checklist-editor.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot, waitUntilSettled } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminChecklistPage } from '../pages/admin-checklist.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const county = findDemoAccount('county_admin', '汶上')!;
const inspector = findDemoAccount('inspector', '汶上')!;
const PLANNED = '71000000-0000-4000-8000-000000000007'; // 郑检查员’s planned visit of 小太阳 (seeds/60_inspections.sql)
const TITLE = `应急演练（e2e ${Date.now().toString(36)}）`;

let browser: Browser & { cleanup(): Promise<void> };
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.cleanup();
});

describe.sequential('admin: 检查清单 per region', () => {
  it('the county admin sees where each item comes from and adds one for 汶上', async () => {
    const page = await adminPageAs(browser, county);
    onTestFailed(async () => void (await saveScreenshot(page, 'inspection-checklist-failed')));
    const checklist = new AdminChecklistPage(page, adminUrl);
    await checklist.goto();
    const before = await checklist.entries();
    expect(before.find((e) => e.code === 'cctv')?.source).toBe('济宁市');
    expect(before.find((e) => e.code === 'premises')?.source).toBe('全国');
    expect(await checklist.canManage()).toBe(true);
    await checklist.add({ title: TITLE, requirement: '每月开展一次应急疏散演练并留存记录' });
    const added = (await checklist.entries()).find((e) => e.title === TITLE);
    expect(added).toMatchObject({ source: '本级新增', active: true });
    expect(added?.code).toMatch(/^local_[a-z]+$/);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'inspection-checklist-added');
    expectNoPageErrors(page);
  });

  it('the inspector reads the list (no edit buttons) and records the new item on a planned inspection', async () => {
    const page = await adminPageAs(browser, inspector);
    onTestFailed(async () => void (await saveScreenshot(page, 'inspection-checklist-inspector-failed')));
    const checklist = new AdminChecklistPage(page, adminUrl);
    await checklist.goto();
    expect((await checklist.entries()).map((e) => e.title)).toContain(TITLE);
    expect(await checklist.canManage()).toBe(false);
    expect(await page.getByTestId('checklist-edit').count()).toBe(0);
    await page.goto(`${adminUrl}/inspections/${PLANNED}`);
    const form = page.getByTestId('inspection-record-form');
    await form.waitFor();
    await form.locator('.ant-card').filter({ hasText: TITLE }).waitFor();
    expectNoPageErrors(page);
  });

  it('the county admin removes the item again', async () => {
    const page = await adminPageAs(browser, county);
    onTestFailed(async () => void (await saveScreenshot(page, 'inspection-checklist-remove-failed')));
    const checklist = new AdminChecklistPage(page, adminUrl);
    await checklist.goto();
    await checklist.remove(TITLE);
    expect((await checklist.entries()).map((e) => e.title)).not.toContain(TITLE);
    expectNoPageErrors(page);
  });
});
