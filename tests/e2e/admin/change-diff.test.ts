/**
 * Issue 13, change filings: the 任城区 county admin reviewing 金城托育中心's 变更备案 sees the
 * before/after table of `filing_change_diff` (services and fee items in words); a 新办 filing has none.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminReviewScreen } from '../pages/admin-review-screen.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const renchengAdmin = findDemoAccount('county_admin', '任城');
/** The seed's change filing of 济宁市任城区金城托育中心 (under review): adds 计时托, new fee items. */
const CHANGE_FILING = '40000000-0000-4000-8000-000000000005';

let browser: Browser & { cleanup(): Promise<void> };

describe.skipIf(!renchengAdmin)('变更前后对照 in the review screen', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('shows the registered and the proposed values side by side', async () => {
    const page = await adminPageAs(browser, renchengAdmin!);
    try {
      const screen = new AdminReviewScreen(page, adminUrl);
      await screen.goto(CHANGE_FILING);
      const diff = await screen.changeDiff();
      expect(diff['服务类型']).toEqual(['全日托、半日托', '全日托、半日托、计时托']);
      expect(diff['收费项目清单']?.[0]).toContain('全日托保育费 1500元/月');
      expect(diff['收费项目清单']?.[1]).toContain('计时托 30元/小时');
      await expectNoPageErrors(page);
    } catch (e) {
      await saveScreenshot(page, 'change-diff');
      throw e;
    } finally {
      await page.close();
    }
  });
});
