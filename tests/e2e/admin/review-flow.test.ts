/**
 * Issue 5, county side: the 汶上县 county admin reviews a filing end to end in the admin —
 * queue with working-day countdown and overdue highlighting, filters and search, material
 * previews and checklist, return with a reason (Chinese validation first), the operator corrects
 * and resubmits (supabase-js), approval with a filing number, the printable certificate whose QR
 * URL verifies on the public /verify page, XLSX exports with Chinese headers. The forbidden paths
 * (the 任城区 admin sees nothing of a 汶上 filing, an operator has no review menu and gets 无权访问)
 * are step 7 of story/filing-story.
 */
import { readFile } from 'node:fs/promises';
import { filingNoFromVerificationUrl, filingVerificationUrl } from '@tuoyu/domain';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount, type DemoAccount } from '../pages/admin-accounts.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import {
  createSubmittedFiling,
  patchFilingAsService,
  readXlsx,
  REQUIRED_WITHOUT_MEALS,
  submit,
  uploadMaterial,
  type OperatorFiling,
} from '../pages/admin-review-fixtures.ts';
import { AdminReviewQueuePage } from '../pages/admin-review-queue.ts';
import { AdminReviewScreen, AdminVerifyPage } from '../pages/admin-review-screen.ts';
import { F } from '../../support/fixtures.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const env = { supabaseUrl: inject('supabaseUrl'), anonKey: inject('anonKey'), serviceRoleKey: inject('serviceRoleKey') };
const adminUrl = inject('adminUrl');
const wenshangAdmin = findDemoAccount('county_admin', '汶上');
/** The seed's submitted 新办 filing of 汶上县南站街道宝贝托育园. */
const SEEDED_SUBMITTED = { id: F.nanZhanSubmitted, name: '汶上县南站街道宝贝托育园' };
/** Expected by the 5-working-day rule: a just-submitted filing has 4 or 5 working days left. */
const FRESH_COUNTDOWN = /工作日剩余 [45] 天/;

let browser: Browser & { cleanup(): Promise<void> };
let op: OperatorFiling;
let filingNo = '';

/** A blank page signed in as `account` (the test opens its page). */
function signIn(account: Pick<DemoAccount, 'email' | 'password'>): Promise<Page> {
  return adminPageAs(browser, account);
}

describe.skipIf(!wenshangAdmin)('county review of a filing (汶上县)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    op = await createSubmittedFiling(env, '汶上县E2E审核');
    // The seeded filing waits past its deadline: the queue must flag it.
    await patchFilingAsService(env, SEEDED_SUBMITTED.id, { deadline_on: '2025-01-02' });
  });

  afterAll(async () => {
    await browser?.cleanup();
  });

  it('the queue shows the county’s filings by deadline with countdown, overdue flag, filters and search', async () => {
    const page = await signIn(wenshangAdmin!);
    const queue = new AdminReviewQueuePage(page, adminUrl);
    await queue.goto();
    await expect.poll(() => new AdminLayout(page).menuLabels()).toEqual(expect.arrayContaining(['备案审核', '备案登记册']));
    const entries = await queue.entries();
    const seeded = entries.find((e) => e.id === SEEDED_SUBMITTED.id);
    const mine = entries.find((e) => e.id === op.filingId);
    expect(seeded, 'the seeded submitted filing is in the queue').toBeDefined();
    expect(mine, 'the new filing is in the queue').toBeDefined();
    expect(seeded).toMatchObject({ name: SEEDED_SUBMITTED.name, status: '已提交', overdue: true });
    expect(seeded!.countdown).toMatch(/^已超期 \d+ 个工作日$/);
    expect(mine).toMatchObject({ name: op.institutionName, status: '已提交', overdue: false });
    expect(mine!.countdown).toMatch(FRESH_COUNTDOWN);
    const deadlines = entries.map((e) => e.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(await page.locator('[data-testid="deadline-overdue"]').first().evaluate((el) => getComputedStyle(el).color)).toMatch(
      /rgb\(2\d\d, \d+, \d+\)/,
    );
    await saveScreenshot(page, 'admin-review-queue');

    await queue.search({ overdue: true });
    expect((await queue.entries()).map((e) => e.id)).toEqual([SEEDED_SUBMITTED.id]);
    await queue.search({ overdue: false, name: op.institutionName.slice(0, 8) });
    expect((await queue.entries()).map((e) => e.id)).toEqual([op.filingId]);
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('starts the review, previews materials, requires a reason and returns the filing', async () => {
    const page = await signIn(wenshangAdmin!);
    const queue = new AdminReviewQueuePage(page, adminUrl);
    await queue.goto();
    await queue.open(op.filingId);
    const review = new AdminReviewScreen(page, adminUrl);
    await review.waitForStatus('submitted');
    expect(await review.institutionName()).toBe(op.institutionName);
    await expect.poll(() => page.getByText('测试法人').count()).toBeGreaterThan(0);

    await review.startReview();
    // Images inline (signed URL that really loads), PDFs embedded.
    const image = page.locator('[data-testid="material-filing_form"] [data-testid="material-image"] img');
    await image.waitFor({ state: 'visible' });
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    expect(await image.getAttribute('src')).toContain('/storage/v1/object/sign/filing-documents/');
    await page.locator('[data-testid="material-business_licence"] object[data-testid="material-pdf"]').waitFor({ state: 'attached' });

    await review.markAll(REQUIRED_WITHOUT_MEALS.filter((m) => m !== 'fire_safety'));
    await review.markMaterial('fire_safety', '不合格', '消防验收意见书已过期');
    await review.returnWithReasons('');
    expect(await review.reasonsError()).toBe('请填写退回或不予备案的理由');
    // Every mark was saved as the reviewer went: a reload keeps them (issue 16).
    await page.reload();
    await review.waitForStatus('under_review');
    const kept = await review.marks(['fire_safety', 'filing_form']);
    expect(kept).toEqual({ fire_safety: { verdict: 'bad', note: '消防验收意见书已过期' }, filing_form: { verdict: 'ok', note: '' } });
    await review.returnWithReasons('消防安全证明已过期，请补充有效的消防验收意见书');
    // The decision asks for confirmation with a summary; 再看看 changes nothing.
    const summary = await review.confirmDecision('cancel');
    expect(summary).toContain('确认退回修改');
    expect(summary).toContain(op.institutionName);
    expect(summary).toMatch(/不合格 1 项/);
    expect(summary).toContain('消防安全证明已过期');
    await review.waitForStatus('under_review');
    await page.getByTestId('decision-return').click();
    await review.confirmDecision('ok');
    await review.waitForStatus('returned');
    await page.getByTestId('review-reasons').waitFor({ state: 'visible' });
    await expect.poll(() => review.historyStatuses()).toEqual(['draft', 'submitted', 'under_review', 'returned']);
    await saveScreenshot(page, 'admin-review-returned');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('approves the corrected filing, assigns a filing number and prints a certificate whose QR verifies', async () => {
    // The operator replaces the fire-safety certificate and resubmits.
    await uploadMaterial(op, 'fire_safety', 'png', 2);
    await submit(op);

    const page = await signIn(wenshangAdmin!);
    const review = new AdminReviewScreen(page, adminUrl);
    await review.goto(op.filingId);
    await review.waitForStatus('submitted');
    await review.startReview();
    // Approval needs every material marked 合格: the UI says which are missing.
    await review.markMaterial('fire_safety', '不合格');
    await review.approve();
    await expect.poll(async () => page.getByTestId('approve-problem').innerText().catch(() => '')).toContain('消防安全证明');
    await review.markAll([...REQUIRED_WITHOUT_MEALS]);
    await review.approve();
    expect(await review.confirmDecision()).toContain('确认准予备案');
    await review.waitForStatus('approved');
    filingNo = await review.filingNo();
    expect(filingNo).toMatch(new RegExp(`^370830${new Date().getFullYear()}\\d{4}$`));
    await expect.poll(() => review.historyStatuses()).toEqual(['draft', 'submitted', 'under_review', 'returned', 'submitted', 'under_review', 'approved']);
    await saveScreenshot(page, 'admin-review-approved');

    await review.openCertificate();
    const certificate = await review.certificate();
    expect(certificate).toMatchObject({ filingNo, institution: op.institutionName, bureau: '汶上县卫生健康局' });
    expect(certificate.qrUrl).toBe(filingVerificationUrl(adminUrl, filingNo));
    // The e2e build has no public address configured: the certificate says the QR points to this machine.
    expect(await page.getByTestId('certificate-address-warning').innerText()).toContain('VITE_PUBLIC_ADMIN_URL');
    await expect.poll(() => page.locator('svg[data-testid="certificate-qr"] path').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('.ant-layout-sider').first().isVisible()).toBe(false);
    await saveScreenshot(page, 'admin-review-certificate');
    await page.emulateMedia({ media: 'screen' });
    expectNoPageErrors(page);
    await page.context().close();

    // Anybody (not signed in) opens the verification page for the number the QR code carries.
    const visitor = await openPage(browser, { mobile: true });
    const verify = new AdminVerifyPage(visitor, adminUrl);
    const scanned = filingNoFromVerificationUrl(certificate.qrUrl);
    await verify.goto(scanned ?? '');
    expect(await verify.result()).toEqual({ valid: true, filingNo, institution: op.institutionName });
    await saveScreenshot(visitor, 'admin-verify-filing');
    await verify.goto('37083020999999');
    expect(await verify.result()).toBeNull();
    expect(await visitor.getByTestId('verify-not-found').innerText()).toContain('未查询到该备案号');
    expectNoPageErrors(visitor);
    await visitor.context().close();
  });

  it('exports the queue and the registry as .xlsx with Chinese headers', async () => {
    expect(filingNo, 'runs after the approval').not.toBe('');
    const page = await signIn(wenshangAdmin!);
    const queue = new AdminReviewQueuePage(page, adminUrl);
    await queue.goto();
    await queue.search({ status: '全部' });
    const queueFile = await queue.export();
    expect(queueFile.suggestedFilename()).toMatch(/^备案审核队列-\d{8}\.xlsx$/);
    const queueRows = readXlsx(await readFile((await queueFile.path())!));
    expect(queueRows[0]).toEqual(['机构名称', '备案类型', '状态', '县区', '提交时间', '办理期限', '剩余时限', '备案号']);
    expect(queueRows).toContainEqual(expect.arrayContaining([op.institutionName, '新办备案', '已备案', '汶上县', filingNo]));
    expect(queueRows).toContainEqual(expect.arrayContaining([SEEDED_SUBMITTED.name, '已提交']));

    const review = new AdminReviewScreen(page, adminUrl);
    await review.gotoRegistry();
    const registryFile = await review.exportRegistry();
    const registryRows = readXlsx(await readFile((await registryFile.path())!));
    expect(registryRows[0]).toEqual(['备案号', '机构名称', '机构类型', '举办性质', '普惠', '备案状态', '县区', '街道', '托位数', '在托人数', '备案日期']);
    expect(registryRows).toContainEqual(expect.arrayContaining([filingNo, op.institutionName, '托育机构', '民办', '否', '已备案', '汶上县', '中都街道']));
    expect(registryRows.slice(1).every((r) => r[6] === '汶上县')).toBe(true);
    await review.searchRegistry(op.institutionName);
    await page.getByTestId(`registry-open-${op.institutionId}`).click();
    await page.getByTestId('registry-institution-name').filter({ hasText: op.institutionName }).waitFor();
    await page.getByTestId('status-history-item').first().waitFor();
    await saveScreenshot(page, 'admin-registry-institution');
    expectNoPageErrors(page);
    await page.context().close();
  });
});
