/**
 * Issue 12, institution side: the 爱心托育中心 operator sees the seeded pending request of 张小满 in
 * the 托小班 queue with her age in months and wished start, and offers her a place in 彩虹托小班
 * (default answer deadline); the request then waits for the family's confirmation. Another
 * institution's operator (金城) does not see the request.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { demoAccounts, type DemoAccount } from '../pages/admin-accounts.ts';
import { AdminEnrollmentPage } from '../pages/admin-enrollment.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const wenshangOperator = demoAccounts().find((a) => a.role === 'operator' && a.description.includes('汶上'));
const renchengOperator = demoAccounts().find((a) => a.role === 'operator' && a.description.includes('任城'));
/** The seed's pending 托小班 request of 张小满 (20 months) at 汶上县爱心托育中心. */
const PENDING = '61000000-0000-4000-8000-000000000001';

let browser: Browser & { cleanup(): Promise<void> };

/** A blank page signed in as `account` (the test opens its page). */
function signIn(account: Pick<DemoAccount, 'email' | 'password'>): Promise<Page> {
  return adminPageAs(browser, account);
}

describe.skipIf(!wenshangOperator || !renchengOperator)('入托管理 in the admin (爱心托育中心)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('the operator offers a place to the pending request', async () => {
    const page = await signIn(wenshangOperator!);
    const enrollment = new AdminEnrollmentPage(page, adminUrl);
    try {
      await enrollment.goto();
      const row = await enrollment.requestText(PENDING);
      expect(row).toContain('张小满');
      expect(row).toMatch(/1岁[89]个月/);
      expect(row).toContain('全日托');
      expect(await enrollment.status(PENDING).innerText()).toContain('待处理');

      await enrollment.offer(PENDING, '彩虹托小班');
      await enrollment.status(PENDING).filter({ hasText: '已录取待确认' }).waitFor({ state: 'visible' });
      expect(await enrollment.request(PENDING).getByTestId('enrollment-offer').count()).toBe(0);
      await expectNoPageErrors(page);
    } catch (e) {
      await saveScreenshot(page, 'enrollment-operator');
      throw e;
    } finally {
      await page.close();
    }
  });

  it('another institution does not see it', async () => {
    const page = await signIn(renchengOperator!);
    const enrollment = new AdminEnrollmentPage(page, adminUrl);
    try {
      await enrollment.goto();
      expect(await enrollment.request(PENDING).count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
