/**
 * Issue 13 on H5 (phone viewport): a family opens 爱心's page — the seeded 限期整改 inspection and
 * the closed refund complaint are shown (5-year public record) — files a complaint from it, gets a
 * tracking number, and follows the public timeline; a submission error stays on the form.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot } from '../support/browser.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappComplaintPages } from '../pages/miniapp-complaint.ts';
import { MiniappInstitutionPage } from '../pages/miniapp-institution.ts';

const miniappUrl = inject('miniappUrl');
const AIXIN = '10000000-0000-4000-8000-000000000001';

let browser: Browser & { cleanup(): Promise<void> };
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.cleanup();
});

describe('mini-program H5: complaints and the public oversight record', () => {
  it('the institution page shows inspections and complaint results; a family files a complaint and tracks it', async () => {
    const page = await openPage(browser, { mobile: true });
    const app = new MiniappApp(page, miniappUrl);
    const institution = new MiniappInstitutionPage(app);
    await institution.open(AIXIN);
    await app.byTestId('institution-inspections').waitFor({ timeout: 20_000 });
    expect((await institution.rows('institution-inspection')).join('\n')).toContain('限期整改');
    expect((await institution.rows('institution-inspection')).join('\n')).toContain('整改：已报告待复查');
    expect((await institution.rows('institution-complaint')).join('\n')).toContain('投诉属实，已责令机构按收费清单和退费规则退还剩余费用');
    await saveScreenshot(page, 'miniapp-h5-institution-oversight');

    await app.byTestId('institution-complain').click();
    await app.settle();
    expect(app.route()).toBe(MiniappComplaintPages.newRoute);
    expect((await app.byTestId('complaint-institution').innerText()).trim()).toBe('汶上县爱心托育中心');
    const complaints = new MiniappComplaintPages(app);
    // a wrong mobile: the form says so and nothing is sent
    await app.byTestId('complaint-category-fee_dispute').click();
    await app.byTestId('complaint-description').locator('textarea').fill('退托后预交的保育费一直没有退还，已经两个月了');
    await app.byTestId('complaint-mobile').locator('input').fill('12345');
    await app.byTestId('complaint-submit').click();
    expect(await app.byTestId('complaint-error').innerText()).toContain('11位手机号');

    const trackingNo = await complaints.file({ category: 'fee_dispute', description: '退托后预交的保育费一直没有退还，已经两个月了', mobile: '13812345678', anonymous: true });
    expect(trackingNo).toMatch(/^TS\d{8}[0-9A-F]{8}$/);
    await saveScreenshot(page, 'miniapp-h5-complaint-filed');

    await app.byTestId('complaint-track').click();
    await app.settle();
    const tracked = await complaints.statusAndSteps();
    expect(tracked.status).toBe('待受理');
    expect(tracked.steps).toHaveLength(1);
    expect(tracked.steps[0]).toContain('待受理');
    expect(await page.content()).not.toContain('13812345678');
    await saveScreenshot(page, 'miniapp-h5-complaint-tracked');

    // the seeded closed complaint: the whole public timeline and its result, by typing the number
    await app.open(MiniappComplaintPages.trackRoute);
    await app.byTestId('complaint-track-input').locator('input').fill('ts20261130a1b2c3d4');
    await app.byTestId('complaint-track-submit').click();
    const closed = await complaints.statusAndSteps();
    expect(closed.status).toBe('已办结');
    expect(closed.steps.map((s) => s.split(/\s/)[0])).toEqual(['待受理', '已受理', '已转办', '处理中', '已办结']);
    expect(await app.byTestId('complaint-result').innerText()).toContain('投诉属实');
    expectNoPageErrors(page);
  });
});
