/**
 * Issue 12, county side: the 汶上 county admin hides the seeded review of 爱心 with a reason (评价管理)
 * and restores it, and reads 入托统计 (counts per institution, no child data); the 爱心 operator sees
 * the same review without the moderation buttons.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { demoAccounts, type DemoAccount } from '../pages/admin-accounts.ts';
import { AdminReviewsPage } from '../pages/admin-reviews.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const county = demoAccounts().find((a) => a.email === 'county.wenshang@demo.tuoyu.cn');
const operator = demoAccounts().find((a) => a.email === 'operator.wenshang@demo.tuoyu.cn');
const SEEDED = '老师很有耐心，每天都会发孩子在园的照片';

let browser: Browser & { cleanup(): Promise<void> };

/** A blank page signed in as `account` (the test opens its page). */
function signIn(account: Pick<DemoAccount, 'email' | 'password'>): Promise<Page> {
  return adminPageAs(browser, account);
}

describe.skipIf(!county || !operator)('评价管理 and 入托统计 in the admin', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('the county admin hides a review with a reason and restores it; 入托统计 counts per institution', async () => {
    const page = await signIn(county!);
    try {
      const reviews = new AdminReviewsPage(page, adminUrl);
      await reviews.goto();
      const row = reviews.row(SEEDED);
      expect(await row.getByTestId('review-admin-reply-open').count()).toBe(0);
      await row.getByTestId('review-admin-hide').click();
      await page.getByTestId('review-admin-hide-reason').fill('含有未经核实的内容');
      await page.getByTestId('review-admin-hide-submit').click();
      await row.getByText('隐藏理由：含有未经核实的内容').waitFor({ state: 'visible' });
      await row.getByTestId('review-admin-restore').click();
      await row.getByTestId('review-admin-hide').waitFor({ state: 'visible' });

      await page.goto(`${adminUrl}/enrollment-stats`);
      await page.locator('[data-testid="enrollment-stats"][data-state="ready"]').waitFor({ state: 'visible' });
      const aixin = page.locator('[data-testid="enrollment-stats-table"] tr').filter({ hasText: '汶上县爱心托育中心' });
      expect(Number(await aixin.getByTestId('enrollment-stats-placed').innerText())).toBeGreaterThanOrEqual(1);
      expect(await page.locator('[data-testid="enrollment-stats-table"]').innerText()).not.toContain('张小');
      await expectNoPageErrors(page);
    } catch (e) {
      await saveScreenshot(page, 'reviews-county');
      throw e;
    } finally {
      await page.close();
    }
  });

  it('the operator sees its reviews without moderation, and not 入托统计', async () => {
    const page = await signIn(operator!);
    try {
      const reviews = new AdminReviewsPage(page, adminUrl);
      await reviews.goto();
      await reviews.row(SEEDED).waitFor({ state: 'visible' });
      expect(await reviews.row(SEEDED).getByTestId('review-admin-hide').count()).toBe(0);
      await page.goto(`${adminUrl}/enrollment-stats`);
      await page.getByTestId('forbidden').waitFor({ state: 'visible' });
      expect(await page.getByTestId('enrollment-stats-table').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
