/**
 * Issue 13 §3 §4, the supervision loop in real Chromium across both apps, through the UIs:
 *   1. a family (mini-program H5, phone) files a 安全隐患 complaint about 爱心 with a photo and tracks it;
 *   2. the 汶上县 county admin accepts it and hands it to the county's inspector;
 *   3. the inspector, on a 390 px wide admin page, records the handling of the complaint and then
 *      the inspection of 爱心 assigned to them: 视频监控 不符合 with a note and a photo → 限期整改;
 *   4. the 爱心 operator sees the rectification with its deadline and reports with text and a photo;
 *   5. the county admin re-checks and closes the rectification, and closes the complaint;
 *   6. the family reads the full reply and rates it; 爱心's public page shows the complaint's
 *      result and the inspection with its rectification closed.
 * The planned inspection itself is made with the service role (ad-hoc visit, as the county admin's
 * plan would); the draw, the forbidden paths and the photo rules are integration-tested
 * (tests/integration/oversight). Each step saves `oversight-0N-…` screenshots.
 */
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, PHONE_SCALE, saveScreenshot, waitUntilSettled } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminComplaintsPage } from '../pages/admin-complaints.ts';
import { TINY_PNG } from '../pages/admin-operator-filing.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappComplaintPages } from '../pages/miniapp-complaint.ts';
import { MiniappInstitutionPage } from '../pages/miniapp-institution.ts';
import { adminPageAs, adminStorageState } from '../pages/admin-session.ts';
import { I, P } from '../../support/fixtures.ts';

const env = { supabaseUrl: inject('supabaseUrl'), serviceRoleKey: inject('serviceRoleKey') };
const adminUrl = inject('adminUrl');
const miniappUrl = inject('miniappUrl');
const county = findDemoAccount('county_admin', '汶上')!;
const inspector = findDemoAccount('inspector', '汶上')!;
const operator = findDemoAccount('operator', '中都')!; // 爱心托育中心

const MOBILE = '13912340001';
const DESCRIPTION = '二楼午睡室没有监控摄像头，家长无法了解午睡时的情况，担心安全';
const CCTV_NOTE = '午睡室未安装监控摄像头（故事）';
const REPORT = '午睡室已加装2个摄像头，录像保存90天（故事）';
const REPLY = '经现场检查，午睡室监控缺失属实，已责令机构限期整改并复查通过（故事）';
const PUBLIC_RESULT = '投诉属实，责令限期整改，复查已通过（故事）';
const photo = (name: string) => ({ name, mimeType: 'image/png', buffer: TINY_PNG });

let browser: Browser & { cleanup(): Promise<void> };
let inspectionId = '';
let trackingNo = '';
let familyPage: Page;
let countyPage: Page;

async function service(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${env.supabaseUrl}/${path}`, {
    method: 'POST',
    headers: {
      apikey: env.serviceRoleKey,
      authorization: `Bearer ${env.serviceRoleKey}`,
      'content-type': 'application/json',
      prefer: 'return=representation',
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** An admin page as wide as a phone (390 px), signed in (blank: the test opens its page). */
async function phoneAdminPage(account: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: PHONE_SCALE,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    reducedMotion: 'reduce',
    storageState: await adminStorageState(account),
  });
  context.setDefaultTimeout(60_000);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const [row] = (await service('rest/v1/inspections', {
    institution_id: I.aiXin,
    inspector_ids: [P.inspector],
    departments: ['卫健', '消防'],
    scheduled_on: today,
  })) as { id: string }[];
  inspectionId = row!.id;
});
afterAll(async () => {
  await browser?.cleanup();
});

describe.sequential('supervision loop: complaint → inspection → rectification → public page', () => {
  it('1. a family files a complaint with a photo in the mini-program and tracks it', async () => {
    onTestFailed(async () => void (familyPage && (await saveScreenshot(familyPage, 'oversight-01-failed'))));
    familyPage = await openPage(browser, { mobile: true });
    const app = new MiniappApp(familyPage, miniappUrl);
    await new MiniappInstitutionPage(app).open(I.aiXin);
    await app.byTestId('institution-complain').click();
    await app.settle();
    await app.byTestId('complaint-form').waitFor();
    await app.byTestId('complaint-category-safety_hazard').click();
    await app.byTestId('complaint-description').locator('textarea').fill(DESCRIPTION);
    await app.byTestId('complaint-mobile').locator('input').fill(MOBILE);
    const chooser = familyPage.waitForEvent('filechooser');
    await app.byTestId('complaint-add-photo').click();
    await (await chooser).setFiles(photo('scene.png'));
    await app.byTestId('complaint-photo').first().waitFor();
    await app.byTestId('complaint-submit').click();
    await app.byTestId('complaint-done').waitFor();
    trackingNo = (await app.byTestId('complaint-tracking-no').innerText()).trim();
    expect(trackingNo).toMatch(/^TS\d{8}[0-9A-F]{8}$/);
    await app.byTestId('complaint-track').click();
    await app.settle();
    expect((await new MiniappComplaintPages(app).statusAndSteps()).status).toBe('待受理');
    await saveScreenshot(familyPage, 'oversight-01-filed-and-tracked');
    expectNoPageErrors(familyPage);
  });

  it('2. the county admin accepts it (photo shown) and assigns it to the inspector', async () => {
    countyPage = await adminPageAs(browser, county);
    onTestFailed(async () => void (await saveScreenshot(countyPage, 'oversight-02-failed')));
    const complaints = new AdminComplaintsPage(countyPage, adminUrl);
    await complaints.gotoQueue();
    await complaints.open(trackingNo);
    await countyPage.getByTestId('complaint-photos').locator('img').first().waitFor();
    await complaints.accept();
    await complaints.waitForStatus('已受理');
    await complaints.assignToInspector('郑检查员');
    await complaints.waitForStatus('已转办');
    await saveScreenshot(countyPage, 'oversight-02-assigned');
    expectNoPageErrors(countyPage);
  });

  it('3. the inspector, on a phone-wide page, records the handling and a 限期整改 inspection with a photo', async () => {
    const page = await phoneAdminPage(inspector);
    onTestFailed(async () => void (await saveScreenshot(page, 'oversight-03-failed')));
    // the complaint assigned to them: record the handling
    await page.goto(`${adminUrl}/complaints`);
    const complaints = new AdminComplaintsPage(page, adminUrl);
    await page.locator('[data-testid="complaint-table"][data-state="ready"]').waitFor();
    await complaints.open(trackingNo);
    await page.getByTestId('complaint-note').click();
    await page.getByTestId('complaint-note-text').fill('已约定今日到机构现场检查');
    await page.getByTestId('complaint-note-submit').click();
    await complaints.waitForStatus('处理中');

    // the inspection: the list of their tasks, then the recording screen
    await page.goto(`${adminUrl}/inspections`);
    await page.locator(`[data-testid="inspection-item"][data-inspection-id="${inspectionId}"] [data-testid="inspection-open"]`).click();
    const form = page.getByTestId('inspection-record-form');
    await form.waitFor();
    const items = await page.locator('[data-testid^="finding-"][data-testid$="-pass"]').evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-testid')!.replace(/^finding-|-pass$/g, '')));
    expect(items).toContain('cctv');
    for (const code of items) {
      await page.getByTestId(`finding-${code}-${code === 'cctv' ? 'fail' : 'pass'}`).click();
    }
    await page.getByTestId('finding-cctv-note').fill(CCTV_NOTE);
    await page.getByTestId('finding-cctv-photos').setInputFiles(photo('cctv.png'));
    await page.getByTestId('finding-cctv-photos-count').filter({ hasText: '已上传1张' }).waitFor();
    await page.getByTestId('inspection-result-rectify').click();
    await page.getByTestId('inspection-rectify-by').click();
    await page.keyboard.type('2099-12-31');
    await page.keyboard.press('Enter');
    await page.getByTestId('inspection-summary').fill('午睡室监控缺失，限期整改');
    // no horizontal scrolling on a phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, 'oversight-03-recording-390px');
    await page.getByTestId('inspection-submit').click();
    await page.waitForURL((url) => url.pathname === '/inspections');
    await page.locator(`[data-testid="inspection-item"][data-inspection-id="${inspectionId}"][data-status="recorded"]`).waitFor();
    expectNoPageErrors(page);
  });

  it('4. the operator sees the rectification with its deadline and reports with evidence', async () => {
    const page = await adminPageAs(browser, operator, '/rectifications');
    onTestFailed(async () => void (await saveScreenshot(page, 'oversight-04-failed')));
    const row = page.locator('[data-testid="rectification-table"] tr.ant-table-row').filter({ hasText: CCTV_NOTE });
    await row.waitFor();
    expect(await row.innerText()).toContain('2099-12-31');
    await row.getByTestId('rectification-report').click();
    await page.getByTestId('rectification-report-text').fill(REPORT);
    await page.getByTestId('rectification-evidence').setInputFiles(photo('fixed.png'));
    await page.getByTestId('rectification-evidence-count').filter({ hasText: '已上传1张' }).waitFor();
    await page.getByTestId('rectification-report-submit').click();
    await row.getByTestId('rectification-status').filter({ hasText: '已报告待复查' }).waitFor();
    await waitUntilSettled(page);
    await saveScreenshot(page, 'oversight-04-reported');
    expectNoPageErrors(page);
  });

  it('5. the county admin re-checks and closes the rectification, then closes the complaint', async () => {
    onTestFailed(async () => void (await saveScreenshot(countyPage, 'oversight-05-failed')));
    await countyPage.goto(`${adminUrl}/rectifications`);
    const row = countyPage.locator('[data-testid="rectification-table"] tr.ant-table-row').filter({ hasText: CCTV_NOTE });
    await row.getByTestId('rectification-recheck').click();
    await countyPage.getByTestId('rectification-recheck-note').fill('复查：午睡室监控已安装（故事）');
    await countyPage.getByTestId('rectification-close').click();
    await row.getByTestId('rectification-status').filter({ hasText: '已销号' }).waitFor();
    // the seeded overdue 汶上 rectification is highlighted
    expect(await countyPage.locator('[data-testid="rectification-table"] tr[data-overdue="true"]').count()).toBeGreaterThan(0);
    await saveScreenshot(countyPage, 'oversight-05-rectification-closed');

    const complaints = new AdminComplaintsPage(countyPage, adminUrl);
    await complaints.gotoQueue();
    await complaints.open(trackingNo);
    await countyPage.getByTestId('complaint-close').click();
    await countyPage.getByTestId('complaint-close-reply').fill(REPLY);
    await countyPage.getByTestId('complaint-close-result').fill(PUBLIC_RESULT);
    await countyPage.getByTestId('complaint-close-submit').click();
    await complaints.waitForStatus('已办结');
    expectNoPageErrors(countyPage);
  });

  it('6. the family reads the reply and rates; the public page shows the complaint result and the inspection', async () => {
    // the family comes back later: the mini-program opened afresh
    familyPage = await openPage(browser, { mobile: true });
    onTestFailed(async () => void (await saveScreenshot(familyPage, 'oversight-06-failed')));
    const app = new MiniappApp(familyPage, miniappUrl);
    await app.open(MiniappComplaintPages.trackRoute, { no: trackingNo });
    expect((await new MiniappComplaintPages(app).statusAndSteps()).status).toBe('已办结');
    await app.byTestId('complaint-reply-mobile').locator('input').fill(MOBILE);
    await app.byTestId('complaint-reply-load').click();
    await app.byTestId('complaint-reply-text').first().waitFor();
    expect(await app.byTestId('complaint-reply-text').first().innerText()).toContain(REPLY);
    await app.byTestId('complaint-star-5').click();
    await app.byTestId('complaint-rate-submit').click();
    await app.byTestId('complaint-rated').waitFor();
    expect(await app.byTestId('complaint-rated').innerText()).toContain('5星');
    await saveScreenshot(familyPage, 'oversight-06-reply-rated');

    const institution = new MiniappInstitutionPage(app);
    await institution.open(I.aiXin);
    await app.byTestId('institution-oversight').waitFor();
    expect((await institution.rows('institution-complaint')).join('\n')).toContain(PUBLIC_RESULT);
    const inspections = (await institution.rows('institution-inspection')).join('\n');
    expect(inspections).toContain('午睡室监控缺失，限期整改');
    expect(inspections).toMatch(/整改：已销号/);
    expect(await familyPage.content()).not.toContain(MOBILE);
    await saveScreenshot(familyPage, 'oversight-06-public-page');
    expectNoPageErrors(familyPage);
  });
});
