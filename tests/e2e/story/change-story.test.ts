/**
 * Issue 13 §2, a 变更备案 that governs the registry, in real Chromium across both apps:
 *   1. the operator of a filed institution (made with the service role: one 托大班 of 15 places)
 *      starts a 变更备案, finds 「变更事项」 filled with the registered values, is stopped when
 *      nothing changed and when the class breaks the 托大班 size (≤20), raises the class to 20,
 *      sees the before/after, signs and submits;
 *   2. the 汶上县 county admin sees the before/after (15 → 20 places) and returns it with a reason;
 *   3. the operator sees the reason, finds the proposal kept and resubmits;
 *   4. the county admin approves: the registry has 20 places in the same transaction;
 *   5. the mini-program H5 institution page shows the class with 20 places.
 * The materials are uploaded and the approval is given through supabase-js as the operator and the
 * county admin (the upload and the review screens have their own story, story/filing-story); the SQL
 * rules of a proposal are integration-tested (tests/integration/oversight/registry.test.ts).
 */
import { requiredMaterials } from '@tuoyu/domain';
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot, waitUntilSettled } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminOperatorFilingPage } from '../pages/admin-operator-filing.ts';
import { uploadMaterial, type OperatorFiling } from '../pages/admin-review-fixtures.ts';
import { AdminReviewScreen } from '../pages/admin-review-screen.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappInstitutionPage } from '../pages/miniapp-institution.ts';
import { adminPageAs } from '../pages/admin-session.ts';
import { createStoryOperator, type StoryOperator } from '../pages/story-setup.ts';

const env = { supabaseUrl: inject('supabaseUrl'), anonKey: inject('anonKey'), serviceRoleKey: inject('serviceRoleKey') };
const adminUrl = inject('adminUrl');
const miniappUrl = inject('miniappUrl');
const wenshangAdmin = findDemoAccount('county_admin', '汶上');

const MATERIALS = requiredMaterials('change', false);
const CLASS = { name: '故事托大班', class_type: 'older_toddler', min_age_months: 24, max_age_months: 36, capacity: 15, enrolled: 6, carers: 2 };
const NEW_CAPACITY = 20;
const RETURN_REASON = '请在备案表中说明新增托位的保育人员配备，核实后重新提交';

let browser: Browser & { cleanup(): Promise<void> };
let op: StoryOperator;
let operatorPage: Page;
let countyPage: Page;
let filingId = '';

async function service(method: 'POST' | 'PATCH' | 'GET', pathAndQuery: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${env.supabaseUrl}/${pathAndQuery}`, {
    method,
    headers: {
      apikey: env.serviceRoleKey,
      authorization: `Bearer ${env.serviceRoleKey}`,
      'content-type': 'application/json',
      prefer: 'return=representation',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${pathAndQuery} failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The story institution with its class, filed (as an approved 新办 would leave it) — service role. */
async function fileStoryInstitution(): Promise<void> {
  await service('POST', 'rest/v1/classes', { institution_id: op.institutionId, ...CLASS });
  // a number of an earlier year: this year's sequence other stories check stays untouched
  const filingNo = `3708302019${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  await service('PATCH', `rest/v1/institutions?id=eq.${op.institutionId}`, { status: 'filed', filing_no: filingNo, filed_at: new Date().toISOString() });
}

/** Every material of the change filing, uploaded and registered as the operator (supabase-js). */
async function uploadMaterialsAsOperator(): Promise<void> {
  const client = createClient(env.supabaseUrl, env.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  const signIn = await client.auth.signInWithPassword({ email: op.email, password: op.password });
  if (signIn.error) throw new Error(`operator sign-in failed: ${signIn.error.message}`);
  const filing: OperatorFiling = {
    client,
    email: op.email,
    password: op.password,
    institutionId: op.institutionId,
    institutionName: op.institutionName,
    filingId,
    countyCode: '370830000000',
  };
  for (const [i, type] of MATERIALS.entries()) await uploadMaterial(filing, type, i % 2 === 0 ? 'png' : 'pdf');
  await client.auth.signOut();
}

async function registeredCapacity(): Promise<number> {
  const rows = (await service('GET', `rest/v1/classes?institution_id=eq.${op.institutionId}&select=capacity`)) as { capacity: number }[];
  return rows.reduce((sum, r) => sum + r.capacity, 0);
}

function screenshotOnFailure(step: string, pages: () => (Page | undefined)[]): void {
  onTestFailed(async () => {
    for (const [i, page] of pages().entries()) {
      if (page && !page.isClosed()) await saveScreenshot(page, `change-failed-${step}-${i}`).catch(() => undefined);
    }
  });
}

/** A step drives two apps through many screens: minutes on a busy machine. Bounds a hang only. */
const STEP_LIMIT_MS = 300_000;
const passed = new Set<number>();
function step(n: number, title: string, after: number[], fn: () => Promise<void>): void {
  it(`${n}. ${title}`, { timeout: STEP_LIMIT_MS }, async (ctx) => {
    const missing = after.filter((s) => !passed.has(s));
    if (missing.length) ctx.skip(`skipped: it builds on step ${missing.join(', ')}, which did not pass`);
    await fn();
    passed.add(n);
  });
}

describe.skipIf(!wenshangAdmin)('issue 13 story: 变更备案 of capacity → county diff → return → approve → public page', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    op = await createStoryOperator(env);
    await fileStoryInstitution();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  step(1, 'the operator proposes one class 15 → 20 places in 「变更事项」, sees the before/after and submits', [], async () => {
    screenshotOnFailure('01', () => [operatorPage]);
    operatorPage = await adminPageAs(browser, op);
    const page = operatorPage;
    const filing = new AdminOperatorFilingPage(page, adminUrl);
    await filing.gotoNew();
    expect(await filing.offeredKinds()).toEqual(['change', 'cancel']);
    await filing.startKind('change');
    filingId = filing.filingIdFromUrl();
    await uploadMaterialsAsOperator();
    // the wizard opened before the materials were uploaded behind its back: read them afresh
    await page.reload();
    await page.getByTestId('filing-wizard').waitFor({ state: 'visible' });

    await filing.fillChangeForm({
      representative: '王故事',
      contact: '王故事',
      phone: '0537-7290001',
      item: '托位数或班级',
      description: `${CLASS.name}托位由 ${CLASS.capacity} 个增加到 ${NEW_CAPACITY} 个`,
      stopAtChanges: true,
    });
    // starts from the registry; unchanged, it cannot go on
    await expect.poll(() => filing.classCapacity(0)).toBe(String(CLASS.capacity));
    await filing.saveChanges();
    expect(await filing.changeError()).toContain('尚未变更任何事项');
    // the 托大班 size rule (≤20) is shown at the class and stops the step
    await filing.setClassCapacity(0, 25);
    await page.getByTestId('change-class-problems-0').filter({ hasText: '托大班每班不超过20人' }).waitFor();
    await filing.saveChanges();
    await page.getByTestId('change-error').filter({ hasText: '托大班每班不超过20人' }).waitFor();
    // within the rule: the preview shows the before/after and the total
    await filing.setClassCapacity(0, NEW_CAPACITY);
    await expect.poll(() => page.getByTestId('change-class-problems-0').count()).toBe(0);
    expect(await page.getByTestId('change-total').innerText()).toContain(`现登记 ${CLASS.capacity} 个 → 拟变更 ${NEW_CAPACITY} 个`);
    const preview = await filing.diff('change-preview');
    expect(Object.keys(preview)).toEqual(['班级和托位']);
    expect(preview['班级和托位']![0]).toContain(`${CLASS.capacity}个托位`);
    expect(preview['班级和托位']![1]).toContain(`${NEW_CAPACITY}个托位`);
    await saveScreenshot(page, 'change-01-proposal');
    await filing.saveChanges();
    await page.getByTestId('filing-step-materials').waitFor({ state: 'visible' });
    await expect.poll(() => filing.materialTypes()).toEqual(MATERIALS);

    await filing.toSubmitStep();
    await expect.poll(() => page.getByTestId('filing-missing').count()).toBe(0);
    const diff = await filing.diff();
    expect(Object.keys(diff)).toEqual(['班级和托位']);
    expect(diff['班级和托位']![1]).toContain(`${CLASS.name}（托大班，24～36个月，${NEW_CAPACITY}个托位）`);
    await filing.acceptPledge();
    await expect.poll(() => filing.submitEnabled()).toBe(true);
    await saveScreenshot(page, 'change-01-confirm');
    await page.getByTestId('filing-submit').click();
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '已提交', code: 'submitted' });
    // nothing public changes before the county decides
    expect(await registeredCapacity()).toBe(CLASS.capacity);
    expectNoPageErrors(page);
  });

  step(2, 'the county admin sees the before/after (15 → 20 places) and returns it with a reason', [1], async () => {
    screenshotOnFailure('02', () => [countyPage]);
    countyPage = await adminPageAs(browser, wenshangAdmin!);
    const review = new AdminReviewScreen(countyPage, adminUrl);
    await review.goto(filingId);
    await review.waitForStatus('submitted');
    const diff = await review.changeDiff();
    expect(diff['班级和托位']![0]).toContain(`${CLASS.capacity}个托位`);
    expect(diff['班级和托位']![1]).toContain(`${NEW_CAPACITY}个托位`);
    await review.startReview();
    await review.returnWithReasons(RETURN_REASON);
    await review.confirmDecision();
    await review.waitForStatus('returned');
    await waitUntilSettled(countyPage);
    await saveScreenshot(countyPage, 'change-02-county-returned');
    expectNoPageErrors(countyPage);
  });

  step(3, 'the operator sees the reason, finds the proposal kept and resubmits', [2], async () => {
    screenshotOnFailure('03', () => [operatorPage]);
    const page = operatorPage;
    const filing = new AdminOperatorFilingPage(page, adminUrl);
    await filing.gotoStatus(filingId);
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '退回修改', code: 'returned' });
    expect(await page.getByTestId('filing-reasons').innerText()).toContain(RETURN_REASON);
    expect((await filing.diff())['班级和托位']![1]).toContain(`${NEW_CAPACITY}个托位`);
    await saveScreenshot(page, 'change-03-operator-returned');

    await page.getByTestId('filing-continue').click();
    await page.getByTestId('filing-step-form').waitFor({ state: 'visible' });
    expect(await page.getByTestId('filing-returned-reasons').innerText()).toContain(RETURN_REASON);
    await page.getByTestId('filing-form-change-description').fill(`${CLASS.name}托位由 ${CLASS.capacity} 个增加到 ${NEW_CAPACITY} 个，保育人员由 2 名增至 3 名`);
    await page.getByTestId('filing-form-next').click();
    await page.getByTestId('filing-step-changes').waitFor({ state: 'visible' });
    await expect.poll(() => filing.classCapacity(0)).toBe(String(NEW_CAPACITY));
    await filing.saveChanges();
    await page.getByTestId('filing-step-materials').waitFor({ state: 'visible' });
    await filing.toSubmitStep();
    expect(await filing.submitEnabled()).toBe(true);
    await page.getByTestId('filing-submit').click();
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '已提交', code: 'submitted' });
    expectNoPageErrors(page);
  });

  step(4, 'the county admin approves: the registry has the new capacity', [3], async () => {
    // Approved as the county admin through supabase-js: the review screen's approval is proven in
    // story/filing-story; what is this story's own is the registry taking the proposal (and step 5).
    const county = createClient(env.supabaseUrl, env.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
    });
    const signIn = await county.auth.signInWithPassword({ email: wenshangAdmin!.email, password: wenshangAdmin!.password });
    if (signIn.error) throw new Error(`county admin sign-in failed: ${signIn.error.message}`);
    const started = await county.rpc('start_filing_review', { filing_id: filingId });
    expect(started.error).toBeNull();
    const checklist = Object.fromEntries(MATERIALS.map((m) => [m, { ok: true }]));
    const approved = await county.rpc('approve_filing', { filing_id: filingId, checklist });
    expect(approved.error).toBeNull();
    expect((approved.data as { status: string }).status).toBe('approved');
    expect(await registeredCapacity()).toBe(NEW_CAPACITY);
    await county.auth.signOut();
  });

  step(5, 'the mini-program H5 institution page shows the class with the new capacity', [4], async () => {
    const page = await openPage(browser, { mobile: true });
    screenshotOnFailure('05', () => [page]);
    const app = new MiniappApp(page, miniappUrl);
    const institution = new MiniappInstitutionPage(app);
    await institution.open(op.institutionId);
    const classes = (await institution.rows('institution-class')).join('\n');
    expect(classes).toContain(CLASS.name);
    expect(classes).toContain(`托位 ${NEW_CAPACITY} 个`);
    await waitUntilSettled(page);
    await saveScreenshot(page, 'change-05-miniapp-institution');
    expectNoPageErrors(page);
    await page.context().close();
  });
});
