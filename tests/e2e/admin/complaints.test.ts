/**
 * Issue 13, county side of 投诉举报马上查: the 汶上县 county admin sees the county's queue with the
 * urgent complaint first and its overdue acceptance flagged, opens the seeded urgent complaint,
 * accepts it and hands it to the county's inspector (受理 → 转办 on the timeline); the 任城区 admin
 * (another county) does not see it and cannot act on it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount, type DemoAccount } from '../pages/admin-accounts.ts';
import { AdminComplaintsPage } from '../pages/admin-complaints.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const wenshangAdmin = findDemoAccount('county_admin', '汶上');
const renchengAdmin = findDemoAccount('county_admin', '任城');
/** The seed's urgent 虐童/伤害 complaint in 汶上县, submitted and past its 2-hour acceptance deadline. */
const URGENT = { id: '60000000-0000-4000-8000-000000000005', trackingNo: 'TS20261204E7F8A9B0' };
const INSPECTOR_NAME = '郑检查员';

let browser: Browser & { cleanup(): Promise<void> };

/** A blank page signed in as `account` (the test opens its page). */
function signIn(account: Pick<DemoAccount, 'email' | 'password'>): Promise<Page> {
  return adminPageAs(browser, account);
}

describe.skipIf(!wenshangAdmin || !renchengAdmin)('投诉处理 in the admin (汶上县)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('the county admin accepts the urgent complaint and assigns it to the county inspector', async () => {
    const page = await signIn(wenshangAdmin!);
    const complaints = new AdminComplaintsPage(page, adminUrl);
    try {
      await complaints.gotoQueue();
      const entries = await complaints.entries();
      expect(entries[0]).toMatchObject({ id: URGENT.id, urgent: true, overdue: true, status: '待受理' });
      expect(entries.some((e) => e.trackingNo === 'TS20261202B5C6D7E8')).toBe(false); // 任城区's complaint

      await complaints.open(URGENT.trackingNo);
      expect(await complaints.status()).toBe('待受理');
      await complaints.accept();
      await complaints.waitForStatus('已受理');

      await complaints.assignToInspector(INSPECTOR_NAME);
      await complaints.waitForStatus('已转办');
      await expect.poll(() => complaints.assignee().innerText()).toContain(INSPECTOR_NAME);
      // The timeline refetches after the status: wait for both steps rather than read it once.
      await expect
        .poll(async () => {
          const timeline = await complaints.timeline();
          return ['已受理', '已转办'].filter((step) => timeline.some((t) => t.startsWith(step)));
        })
        .toEqual(['已受理', '已转办']);
      await expectNoPageErrors(page);
    } catch (e) {
      await saveScreenshot(page, 'complaints-county-admin');
      throw e;
    } finally {
      await page.close();
    }
  });

  it('another county admin neither lists nor handles it', async () => {
    const page = await signIn(renchengAdmin!);
    const complaints = new AdminComplaintsPage(page, adminUrl);
    try {
      await complaints.gotoQueue();
      const entries = await complaints.entries();
      expect(entries.map((e) => e.id)).not.toContain(URGENT.id);
      await page.goto(`${adminUrl}/complaints/${URGENT.id}`);
      await page.getByTestId('empty-state').waitFor({ state: 'visible' });
      expect(await page.getByTestId('complaint-accept').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
