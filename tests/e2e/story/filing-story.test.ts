/**
 * Issue 5, the whole story in real Chromium across both apps, through the UIs:
 *   1. a fresh operator (own account and unfiled institution in 汶上县, made with the service role so
 *      the story shares nothing with the seeded records other tests read) adds a class to the profile
 *      and files 新办 in the admin — form, every required material (PNG/PDF made here), pledge,
 *      submit → 已提交 with the deadline;
 *   2. the 汶上县 county admin finds it in the review queue, starts the review and returns it with a
 *      reason and a per-material note;
 *   3. the operator sees 退回修改 with both, edits the form, re-uploads the material and resubmits;
 *   4. the county admin approves (checklist all 合格) → filing number; the certificate print view
 *      carries the QR value; the operator's status page shows 已备案 with the number;
 *   5. the mini-program H5 (phone viewport) finds the institution near the 汶上县城 preset with its
 *      filing number, distance and slots; its page shows the number and the class;
 *   6. the certificate's QR URL opens the admin's public /verify page: 备案有效 with the name and bureau;
 *   7. forbidden paths: the 任城区 county admin neither lists nor opens it (nor lists the seeded 汶上
 *      filing); the operator has no review menu and gets 无权访问 on the review screen and the certificate.
 * Each step saves `story-0N-…` screenshots and asserts the pages reported no errors.
 */
import { filingVerificationUrl, formatDate, requiredMaterials } from '@tuoyu/domain';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot, waitUntilSettled } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import { AdminOperatorFilingPage, TINY_PDF, TINY_PNG } from '../pages/admin-operator-filing.ts';
import { AdminOperatorProfilePage } from '../pages/admin-operator-profile.ts';
import { adminLandingAs, adminPageAs } from '../pages/admin-session.ts';
import { AdminReviewQueuePage } from '../pages/admin-review-queue.ts';
import { AdminReviewScreen, AdminVerifyPage } from '../pages/admin-review-screen.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappInstitutionPage } from '../pages/miniapp-institution.ts';
import { MiniappRegistryPage } from '../pages/miniapp-registry.ts';
import {
  createStoryOperator,
  fillNewFilingForm,
  saveFormAndNext,
  type StoryOperator,
} from '../pages/story-setup.ts';
import { F } from '../../support/fixtures.ts';

const env = { supabaseUrl: inject('supabaseUrl'), anonKey: inject('anonKey'), serviceRoleKey: inject('serviceRoleKey') };
const adminUrl = inject('adminUrl');
const miniappUrl = inject('miniappUrl');
const wenshangAdmin = findDemoAccount('county_admin', '汶上');
const renchengAdmin = findDemoAccount('county_admin', '任城');

/** A 新办 filing of a centre without meals: the domain's list (filing form … fire safety). */
const MATERIALS = requiredMaterials('new', false);
const RETURN_REASON = '消防安全证明不清晰，托位总数与场所面积不符，请核实后重新提交';
const FIRE_SAFETY_NOTE = '扫描件模糊，看不清验收结论';
const FIRST_FORM = { representative: '王故事', contact: '王故事', phone: '0537-7290001', slots: 60, area: 420 };
const CORRECTED_PHONE = '0537-7290002';
const CORRECTED_SLOTS = 40;
/** The class the operator enters in the profile before filing (托大班: ≤20 children, 1 carer per 7). */
const CLASS = { name: '故事托大班', type: '托大班', capacity: 20, enrolled: 0, carers: 3 };

let browser: Browser & { cleanup(): Promise<void> };
let op: StoryOperator;
/** One signed-in page per actor, kept across the steps (as people keep their browser open). */
let operatorPage: Page;
let countyPage: Page;
let filingId = '';
let filingNo = '';
let qrUrl = '';

/** On a failure, the screen each open page stopped on is among the artifacts. */
function screenshotOnFailure(step: string, pages: () => (Page | undefined)[]): void {
  onTestFailed(async () => {
    for (const [i, page] of pages().entries()) {
      if (page && !page.isClosed()) await saveScreenshot(page, `story-failed-${step}-${i}`).catch(() => undefined);
    }
  });
}

/** A step drives two apps through many screens: minutes on a busy machine. Bounds a hang only. */
const STEP_LIMIT_MS = 300_000;
const passed = new Set<number>();

/**
 * One step of the story. It runs only when the steps it builds on passed; otherwise it is reported
 * as skipped with the reason, so a failure shows once, in the step that failed, not as a chain.
 */
function step(n: number, title: string, after: number[], fn: () => Promise<void>): void {
  it(`${n}. ${title}`, { timeout: STEP_LIMIT_MS }, async (ctx) => {
    const missing = after.filter((s) => !passed.has(s));
    if (missing.length) ctx.skip(`skipped: it builds on step ${missing.join(', ')}, which did not pass`);
    await fn();
    passed.add(n);
  });
}

describe.skipIf(!wenshangAdmin || !renchengAdmin)('issue 5 story: file → return → correct → approve → public registry → QR check', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    op = await createStoryOperator(env);
  });

  afterAll(async () => {
    await browser?.cleanup();
  });

  step(1, 'the operator files 新办: form, every material, pledge, submit → 已提交 with the deadline', [], async () => {
    screenshotOnFailure('01', () => [operatorPage]);
    operatorPage = await adminLandingAs(browser, op);
    const page = operatorPage;
    // An operator lands on their 工作台 (issue 16), then opens the institution.
    await page.waitForURL((url) => url.pathname === '/workbench');
    await page.goto(`${adminUrl}/my-institution/${op.institutionId}`);
    await page.getByTestId('my-institution-name').filter({ hasText: op.institutionName }).waitFor();
    // The profile first: one class, so the public registry has slots to show.
    const profile = new AdminOperatorProfilePage(page, adminUrl);
    await profile.openTab('classes');
    await profile.addClass(CLASS);
    await profile.waitForSaved('班级已保存');
    await expect.poll(() => profile.classNames()).toEqual([CLASS.name]);

    const filing = new AdminOperatorFilingPage(page, adminUrl);
    await filing.gotoNew();
    // Not filed yet: only 新办 is offered.
    expect(await filing.offeredKinds()).toEqual(['new']);
    await saveScreenshot(page, 'story-01-operator-new-filing');
    await filing.startKind('new');
    filingId = filing.filingIdFromUrl();

    await fillNewFilingForm(page, FIRST_FORM);
    expect(await filing.materialTypes()).toEqual(MATERIALS);
    for (const [i, material] of MATERIALS.entries()) {
      await filing.upload(
        material,
        i % 2 === 0
          ? { name: `${material}.png`, mimeType: 'image/png', buffer: TINY_PNG }
          : { name: `${material}.pdf`, mimeType: 'application/pdf', buffer: TINY_PDF },
      );
      await filing.waitUploaded(material);
    }
    await page.getByTestId('material-image').first().waitFor({ state: 'visible' });
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-01-operator-materials');

    await filing.toSubmitStep();
    await expect.poll(() => page.getByTestId('filing-missing').count()).toBe(0);
    expect(await filing.submitEnabled()).toBe(false);
    await filing.acceptPledge();
    await expect.poll(() => filing.submitEnabled()).toBe(true);
    await page.getByTestId('filing-submit').click();
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '已提交', code: 'submitted' });
    expect(await filing.deadline()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await filing.daysLeft()).toMatch(/^剩余 [45] 个工作日$/);
    // the notice is prose: the same day written as 2026年12月11日 (formatDate, @tuoyu/domain)
    expect(await page.getByTestId('filing-awaiting').innerText()).toContain(formatDate(await filing.deadline()));
    await expect.poll(() => filing.historyStatuses()).toEqual(['draft', 'submitted']);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-01-operator-submitted');
    expectNoPageErrors(page);
  });

  step(2, 'the 汶上县 county admin finds it in the queue, starts the review and returns it with a reason', [1], async () => {
    screenshotOnFailure('02', () => [countyPage]);
    countyPage = await adminPageAs(browser, wenshangAdmin!);
    const page = countyPage;
    const queue = new AdminReviewQueuePage(page, adminUrl);
    await queue.goto();
    await queue.search({ name: op.institutionName });
    const entries = await queue.entries();
    expect(entries.map((e) => e.id)).toEqual([filingId]);
    expect(entries[0]).toMatchObject({ name: op.institutionName, status: '已提交', overdue: false });
    expect(entries[0]!.countdown).toMatch(/工作日剩余 [45] 天/);
    await saveScreenshot(page, 'story-02-county-queue');

    await queue.open(filingId);
    const review = new AdminReviewScreen(page, adminUrl);
    await review.waitForStatus('submitted');
    expect(await review.institutionName()).toBe(op.institutionName);
    expect(await page.getByTestId('review-details').innerText()).toContain(FIRST_FORM.phone);
    await review.startReview();
    // The materials the operator uploaded are previewed: a PNG inline, a PDF embedded.
    await page.locator(`[data-testid="material-${MATERIALS[0]}"] [data-testid="material-image"] img`).waitFor({ state: 'visible' });
    await page.locator(`[data-testid="material-${MATERIALS[1]}"] object[data-testid="material-pdf"]`).waitFor({ state: 'attached' });
    await review.markAll(MATERIALS.filter((m) => m !== 'fire_safety'));
    await review.markMaterial('fire_safety', '不合格', FIRE_SAFETY_NOTE);
    await review.returnWithReasons(RETURN_REASON);
    await review.confirmDecision();
    await review.waitForStatus('returned');
    expect(await page.getByTestId('review-reasons').innerText()).toContain(RETURN_REASON);
    await expect.poll(() => review.historyStatuses()).toEqual(['draft', 'submitted', 'under_review', 'returned']);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-02-county-returned');
    expectNoPageErrors(page);
  });

  step(3, 'the operator sees 退回修改 with the reason, corrects the form and a material, resubmits', [2], async () => {
    screenshotOnFailure('03', () => [operatorPage]);
    const page = operatorPage;
    const filing = new AdminOperatorFilingPage(page, adminUrl);
    await filing.gotoStatus(filingId);
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '退回修改', code: 'returned' });
    expect(await page.getByTestId('filing-reasons').innerText()).toContain(RETURN_REASON);
    expect(await page.getByTestId('material-note-fire_safety').innerText()).toContain(FIRE_SAFETY_NOTE);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-03-operator-returned');

    await page.getByTestId('filing-continue').click();
    await page.getByTestId('filing-wizard').waitFor({ state: 'visible' });
    expect(await page.getByTestId('filing-returned-reasons').innerText()).toContain(RETURN_REASON);
    // The form keeps what was filed; correct the phone and the number of slots.
    await page.getByTestId('filing-step-form').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('filing-form-contact-phone').inputValue()).toBe(FIRST_FORM.phone);
    await page.getByTestId('filing-form-contact-phone').fill(CORRECTED_PHONE);
    await page.locator('[data-testid="filing-form-total-slots"] input, input[data-testid="filing-form-total-slots"]').first().fill(String(CORRECTED_SLOTS));
    await saveFormAndNext(page);

    await filing.upload('fire_safety', { name: 'fire_safety-v2.png', mimeType: 'image/png', buffer: TINY_PNG });
    // The replacement replaces the material; the first file stays in its history (issue 16).
    await expect.poll(() => page.getByTestId('material-file-fire_safety').innerText()).toContain('fire_safety-v2.png');
    await page.getByTestId('material-history-toggle-fire_safety').click();
    await page.getByTestId('material-history-file-fire_safety').first().waitFor({ state: 'visible', timeout: 10_000 })
      .catch(() => page.getByTestId('material-history-toggle-fire_safety').click()); // a click lost while the page was busy
    await page.getByTestId('material-history-file-fire_safety').first().waitFor({ state: 'visible' });
    expect(await page.getByTestId('material-history-file-fire_safety').count()).toBe(1);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-03-operator-corrected');
    await filing.toSubmitStep();
    // The pledge signed at the first submission stays signed.
    expect(await filing.submitEnabled()).toBe(true);
    expect((await page.getByTestId('filing-submit').innerText()).replace(/\s/g, '')).toBe('重新提交');
    await page.getByTestId('filing-submit').click();
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '已提交', code: 'submitted' });
    expect(await page.getByTestId('filing-form-view').innerText()).toContain(CORRECTED_PHONE);
    await expect.poll(() => filing.historyStatuses()).toEqual(['draft', 'submitted', 'under_review', 'returned', 'submitted']);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-03-operator-resubmitted');
    expectNoPageErrors(page);
  });

  step(4, 'the county admin approves (all 合格) → filing number; the certificate carries the QR value', [3], async () => {
    screenshotOnFailure('04', () => [countyPage, operatorPage]);
    const page = countyPage;
    const queue = new AdminReviewQueuePage(page, adminUrl);
    await queue.goto();
    await queue.search({ name: op.institutionName });
    expect(await queue.entries()).toEqual([expect.objectContaining({ id: filingId, status: '已提交' })]);
    await queue.open(filingId);
    const review = new AdminReviewScreen(page, adminUrl);
    await review.waitForStatus('submitted');
    // The county sees the corrected form and both fire-safety files.
    await expect.poll(() => page.getByTestId('review-details').innerText()).toContain(CORRECTED_PHONE);
    await review.startReview();
    await review.markAll([...MATERIALS]);
    await review.approve();
    await review.confirmDecision();
    await review.waitForStatus('approved');
    filingNo = await review.filingNo();
    expect(filingNo).toMatch(new RegExp(`^370830${new Date().getFullYear()}\\d{4}$`));
    await expect.poll(() => review.historyStatuses()).toEqual(['draft', 'submitted', 'under_review', 'returned', 'submitted', 'under_review', 'approved']);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-04-county-approved');

    await review.openCertificate();
    const certificate = await review.certificate();
    expect(certificate).toMatchObject({ filingNo, institution: op.institutionName, bureau: '汶上县卫生健康局' });
    qrUrl = certificate.qrUrl;
    expect(qrUrl).toBe(filingVerificationUrl(adminUrl, filingNo));
    await expect.poll(() => page.locator('svg[data-testid="certificate-qr"] path').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    await saveScreenshot(page, 'story-04-certificate-print');
    await page.emulateMedia({ media: 'screen' });
    expectNoPageErrors(page);

    // The operator's status page shows the result.
    const filing = new AdminOperatorFilingPage(operatorPage, adminUrl);
    await filing.gotoStatus(filingId);
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '已备案', code: 'approved' });
    expect(await operatorPage.getByTestId('filing-approved').innerText()).toContain(filingNo);
    await waitUntilSettled(operatorPage);
    await saveScreenshot(operatorPage, 'story-04-operator-approved');
    expectNoPageErrors(operatorPage);
  });

  step(5, 'the mini-program H5 finds it near 汶上县城 with its filing number and distance', [4], async () => {
    const page = await openPage(browser, { mobile: true });
    screenshotOnFailure('05', () => [page]);
    const app = new MiniappApp(page, miniappUrl);
    const registry = new MiniappRegistryPage(app);
    await registry.open();
    await registry.chooseRegion(['山东省', '济宁市', '汶上县'], { wholeLastLevel: true });
    const results = await registry.results();
    const mine = results.find((r) => r.id === op.institutionId);
    expect(mine, `results: ${results.map((r) => r.name).join('、')}`).toBeDefined();
    expect(mine!.name).toBe(op.institutionName);
    expect(mine!.text).toContain(filingNo);
    expect(mine!.text).toContain(`托位 ${CLASS.capacity} 个`);
    // The site is ~500 m from 汶上县's centre (35.7296, 116.4936, regions.centre_lat/lng).
    expect(mine!.distanceM, `distance label "${mine!.distance}"`).not.toBeNull();
    expect(mine!.distanceM!).toBeGreaterThan(100);
    expect(mine!.distanceM!).toBeLessThan(1500);
    const distances = results.map((r) => r.distanceM ?? 0);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    await saveScreenshot(page, 'story-05-miniapp-nearby');

    await registry.openResult(op.institutionName);
    const institution = new MiniappInstitutionPage(app);
    await institution.waitUntilShown();
    expect(await institution.text('institution-name')).toBe(op.institutionName);
    expect(await institution.text('institution-filing-no')).toContain(filingNo);
    expect(await institution.text('institution-filing-status')).toContain('已备案');
    expect(await institution.text('institution-address')).toContain(op.site.address);
    expect((await institution.rows('institution-class')).join('\n')).toContain(CLASS.type);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-05-miniapp-institution');
    expectNoPageErrors(page);
    await page.context().close();
  });

  step(6, 'the certificate’s QR URL opens the verification page: 已备案 with the institution’s name', [4], async () => {
    const page = await openPage(browser, { mobile: true });
    screenshotOnFailure('06', () => [page]);
    const verify = new AdminVerifyPage(page, adminUrl);
    await verify.open(qrUrl);
    expect(await verify.result()).toEqual({ valid: true, filingNo, institution: op.institutionName });
    expect(await page.getByTestId('verify-result').innerText()).toContain('备案有效');
    expect(await verify.bureau()).toContain('汶上县');
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-06-admin-verify');
    expectNoPageErrors(page);
    await page.context().close();
  });

  step(7, 'forbidden: the 任城区 admin neither lists nor opens it; the operator has no review menu and gets 无权访问 on review screens', [1], async () => {
    const page = await adminPageAs(browser, renchengAdmin!);
    screenshotOnFailure('07', () => [page, operatorPage]);
    const queue = new AdminReviewQueuePage(page, adminUrl);
    await queue.goto();
    await queue.search({ status: '全部' });
    const ids = (await queue.entries()).map((e) => e.id);
    expect(ids).not.toContain(filingId);
    expect(ids, 'the seeded 汶上 filing waiting for review').not.toContain(F.nanZhanSubmitted);
    await queue.search({ name: op.institutionName });
    expect(await queue.entries()).toEqual([]);
    const review = new AdminReviewScreen(page, adminUrl);
    await review.goto(filingId);
    await page.getByTestId('review-not-found').waitFor({ state: 'visible' });
    expect(await page.locator('body').innerText()).not.toContain(op.institutionName);
    await page.goto(`${adminUrl}/filing-reviews/${filingId}/certificate`);
    await page.getByTestId('certificate-not-found').waitFor({ state: 'visible' });
    expect(await page.getByTestId('certificate').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(op.institutionName);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'story-07-rencheng-not-found');
    expectNoPageErrors(page);
    await page.context().close();

    // The operator's menu has no review entries (once the entries they may use are shown) …
    await operatorPage.goto(`${adminUrl}/workbench`);
    const layout = new AdminLayout(operatorPage);
    await expect.poll(() => layout.menuLabels()).toEqual(expect.arrayContaining(['托育机构', '行政区划']));
    expect(await layout.menuLabels()).not.toContain('备案审核');
    expect(await layout.menuLabels()).not.toContain('备案总览');
    // … and the review screens by URL say 无权访问.
    for (const path of [`/filing-reviews/${filingId}`, `/filing-reviews/${filingId}/certificate`, '/filing-reviews']) {
      await operatorPage.goto(`${adminUrl}${path}`);
      await operatorPage.getByTestId('forbidden').waitFor({ state: 'visible' });
      expect(await operatorPage.getByTestId('forbidden').innerText()).toContain('无权访问');
    }
    await saveScreenshot(operatorPage, 'story-07-operator-forbidden');
    expectNoPageErrors(operatorPage);
  });
});
