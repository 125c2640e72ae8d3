/**
 * Issue 5, operator side: the demo operator of 汶上县爱心托育中心 (filed, meals served, with a seeded
 * 变更备案 draft) keeps the profile current — a bad coordinate is refused in Chinese and nothing is
 * saved; a class over the national size limit gets the database's Chinese error — then files the
 * change: only 变更/注销 are offered (the institution is filed), the form, every required material
 * (PNG/PDF made here; a .txt is refused in Chinese), the pledge, a double-clicked submit → 已提交 with
 * the 5-working-day deadline, one submission in the history. Forbidden: another institution's profile
 * (无权访问, although filed institutions are public rows), another institution's filing (not found),
 * and the county review screens.
 */
import { requiredMaterials } from '@tuoyu/domain';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { demoAccounts } from '../pages/admin-accounts.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import { AdminOperatorFilingPage, TINY_PDF, TINY_PNG } from '../pages/admin-operator-filing.ts';
import { AdminOperatorProfilePage } from '../pages/admin-operator-profile.ts';
import { F, I } from '../../support/fixtures.ts';
import { adminLandingAs, adminPageAs } from '../pages/admin-session.ts';

const env = { supabaseUrl: inject('supabaseUrl'), anonKey: inject('anonKey'), serviceRoleKey: inject('serviceRoleKey') };
const adminUrl = inject('adminUrl');
const operator = demoAccounts().find((a) => a.role === 'operator' && a.description.includes('汶上'));
const countyAdmin = demoAccounts().find((a) => a.role === 'county_admin' && a.regionName === '汶上县');
/** The seed (supabase/seed.sql): the operator's institution and its 变更备案 draft; 任城's institution and filing. */
const MINE = { id: I.aiXin, name: '汶上县爱心托育中心', lat: 35.7324, lng: 116.4971 };
const SEEDED_CHANGE_DRAFT = F.aiXinChangeDraft;
const OTHER = { id: I.jinCheng, name: '济宁市任城区金城托育中心', filingId: '40000000-0000-4000-8000-000000000005' };
const MATERIALS_WITH_MEALS = requiredMaterials('new', true);

let browser: Browser & { cleanup(): Promise<void> };

/** The operator's signed-in page: blank, or on the landing the sign-in form leads to. */
async function signIn({ landing = false } = {}): Promise<Page> {
  const page = landing ? await adminLandingAs(browser, operator!) : await adminPageAs(browser, operator!);
  // When a step times out, the screen it stopped on is among the artifacts.
  onTestFailed(async ({ task }) => {
    await saveScreenshot(page, `admin-operator-failed-${task.name.slice(0, 24).replace(/[^\w\u4e00-\u9fff]+/g, '-')}`).catch(() => undefined);
  });
  return page;
}

/** Reads rows with the service role (bypasses RLS) to check what the database holds. */
async function serviceSelect<T>(pathAndQuery: string): Promise<T[]> {
  const res = await fetch(`${env.supabaseUrl}/rest/v1/${pathAndQuery}`, {
    headers: { apikey: env.serviceRoleKey, authorization: `Bearer ${env.serviceRoleKey}` },
  });
  if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T[];
}

/** Writes with the service role: the tests put the shared demo institution back as the seed had it. */
async function serviceWrite(method: 'PATCH' | 'DELETE', pathAndQuery: string, body?: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${env.supabaseUrl}/rest/v1/${pathAndQuery}`, {
    method,
    headers: { apikey: env.serviceRoleKey, authorization: `Bearer ${env.serviceRoleKey}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${pathAndQuery}: ${res.status} ${await res.text()}`);
}

/** The 汶上县 county admin's decision RPCs, as the review screen calls them (GoTrue sign-in + PostgREST). */
async function asCountyAdmin(rpc: string, body: Record<string, unknown>): Promise<void> {
  const token = await fetch(`${env.supabaseUrl}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: env.anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email: countyAdmin!.email, password: countyAdmin!.password }),
  });
  if (!token.ok) throw new Error(`county admin sign-in: ${token.status} ${await token.text()}`);
  const { access_token } = (await token.json()) as { access_token: string };
  const res = await fetch(`${env.supabaseUrl}/rest/v1/rpc/${rpc}`, {
    method: 'POST',
    headers: { apikey: env.anonKey, authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${rpc}: ${res.status} ${await res.text()}`);
}

function isoInDays(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Requests the tests provoke on purpose (PostgREST answers 400 to a class over the limit). */
const EXPECTED_ERRORS = [/Failed to load resource: the server responded with a status of 400/];

describe.skipIf(!operator || !countyAdmin)('operator: institution profile and filing (汶上县爱心托育中心)', () => {
  let seededOpeningHours: string | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
    const [row] = await serviceSelect<{ opening_hours: string | null }>(`institutions?id=eq.${MINE.id}&select=opening_hours`);
    seededOpeningHours = row?.opening_hours ?? null;
  });
  afterAll(async () => {
    await browser?.cleanup();
    // Other browser tests (the mini-program's registry and WeChat sandbox) read this institution as
    // seeded: its location, classes, staff and opening hours go back to what they were.
    await serviceWrite('PATCH', `institution_sites?institution_id=eq.${MINE.id}`, { lat: MINE.lat, lng: MINE.lng });
    await serviceWrite('PATCH', `institutions?id=eq.${MINE.id}`, { opening_hours: seededOpeningHours });
    await serviceWrite('DELETE', `classes?institution_id=eq.${MINE.id}&name=eq.新苗乳儿班`);
    await serviceWrite('DELETE', `staff?institution_id=eq.${MINE.id}&name=eq.李新`);
  });

  it('edits the profile: opening hours saved; the filed site is read-only (a change filing changes it)', async () => {
    const page = await signIn({ landing: true });
    // Operators start at their 工作台 (issue 16).
    await page.waitForURL((url) => url.pathname === '/workbench');
    await expect.poll(() => new AdminLayout(page).menuLabels()).toEqual(expect.arrayContaining(['本机构信息', '备案办理']));
    const profile = new AdminOperatorProfilePage(page, adminUrl);
    await profile.gotoMine();
    expect(page.url()).toContain(`/my-institution/${MINE.id}`);
    expect(await profile.name()).toBe(MINE.name);
    await saveScreenshot(page, 'admin-operator-profile');

    await profile.setOpeningHours('周一至周五 7:30-18:00');
    await profile.waitForSaved('基本信息已保存');
    const [basic] = await serviceSelect<{ opening_hours: string }>(`institutions?id=eq.${MINE.id}&select=opening_hours`);
    expect(basic?.opening_hours).toBe('周一至周五 7:30-18:00');

    await profile.openTab('location');
    await profile.waitForLocation();
    // 爱心 is filed: address and coordinates change through a change filing (the database refuses
    // the operator's direct write); the form shows them read-only with the reason
    expect(await profile.siteLocked()).toBe(true);
    await page.getByText('机构已备案：变更此项须办理变更备案').first().waitFor({ state: 'visible' });
    const [unchanged] = await serviceSelect<{ lat: number; lng: number }>(`institution_sites?institution_id=eq.${MINE.id}&select=lat,lng`);
    expect(Number(unchanged?.lat)).toBe(MINE.lat);
    await saveScreenshot(page, 'admin-operator-profile-location');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('a filed institution’s classes are locked to a change filing; a ratio below the national rule gets the database’s Chinese error; staff show health-certificate expiry', async () => {
    const page = await signIn();
    const profile = new AdminOperatorProfilePage(page, adminUrl);
    await profile.goto(MINE.id);
    await profile.openTab('classes');
    await expect.poll(() => page.getByTestId('class-rules').innerText()).toContain('6～12 月龄，每班不超过 10 人，保育人员与婴幼儿比例不低于 1:3');

    // 爱心 is filed: adding, removing or resizing classes goes through a change filing (issue 13 §2)
    expect(await profile.classesLocked()).toBe(true);

    await profile.editClassNumbers('小星星乳儿班', { enrolled: 8, carers: 1 });
    expect(await profile.classRuleHints()).toContain('1:3');
    expect(await profile.classError()).toContain('1:3');
    const [unchangedClass] = await serviceSelect<{ carers: number }>(`classes?institution_id=eq.${MINE.id}&name=eq.小星星乳儿班&select=carers`);
    expect(unchangedClass?.carers).toBe(3);
    await saveScreenshot(page, 'admin-operator-class-limit');
    await profile.closeModal();

    await profile.editClassNumbers('小星星乳儿班', { enrolled: 9, carers: 3 });
    await profile.waitForSaved('班级已保存');
    const [updatedClass] = await serviceSelect<{ enrolled: number }>(`classes?institution_id=eq.${MINE.id}&name=eq.小星星乳儿班&select=enrolled`);
    expect(updatedClass?.enrolled).toBe(9);

    await profile.openTab('staff');
    await profile.addStaff({ name: '李新', role: '保育人员', certificate: '保育师', number: 'BYS370830202611', healthExpiry: isoInDays(10) });
    await profile.waitForSaved('人员信息已保存');
    expect(await profile.certificateState('李新')).toBe('expiring');
    expect(await profile.certificateState('周芳')).toBe('expired');
    await page.getByTestId('staff-expiry-warning').waitFor({ state: 'visible' });
    await saveScreenshot(page, 'admin-operator-profile-staff');
    expectNoPageErrors(page, EXPECTED_ERRORS);
    await page.context().close();
  });

  it('files a change: form, every material (wrong type refused), pledge, double-clicked submit → 已提交 with deadline', async () => {
    const page = await signIn();
    const filing = new AdminOperatorFilingPage(page, adminUrl);
    await filing.gotoNew();
    // The institution is filed: 新办 is not offered.
    expect(await filing.offeredKinds()).toEqual(['change', 'cancel']);
    await page.getByTestId('filing-create-open').waitFor({ state: 'visible' });
    await filing.startKind('change');
    // create_filing_draft continues the seeded draft instead of opening a second one.
    expect(filing.filingIdFromUrl()).toBe(SEEDED_CHANGE_DRAFT);

    await filing.fillChangeForm({
      representative: '赵丽',
      contact: '赵丽',
      phone: '0537-7211001',
      item: '托位数或班级',
      description: '新增乳儿班 1 个（新苗乳儿班，8 个托位）',
    });
    expect(await filing.materialTypes()).toEqual(MATERIALS_WITH_MEALS);

    await filing.upload('filing_form', { name: '备案表.txt', mimeType: 'text/plain', buffer: Buffer.from('不是 PDF') });
    expect(await filing.uploadError('filing_form')).toContain('文件类型不支持（备案表.txt）：请上传 JPG、PNG 图片或 PDF 文件');

    for (const [i, material] of MATERIALS_WITH_MEALS.entries()) {
      const file =
        i % 2 === 0
          ? { name: `${material}.pdf`, mimeType: 'application/pdf', buffer: TINY_PDF }
          : { name: `${material}.png`, mimeType: 'image/png', buffer: TINY_PNG };
      await filing.upload(material, file);
      await filing.waitUploaded(material);
    }
    await page.getByTestId('material-image').first().waitFor({ state: 'visible' });
    // a PDF opens its embedded viewer on 预览
    const pdfMaterial = page.locator('[data-testid^="material-file-"]').filter({ hasText: '.pdf' }).first();
    await pdfMaterial.getByRole('button', { name: /预\s*览/ }).click();
    await page.getByTestId('material-pdf').first().waitFor({ state: 'attached' });
    await saveScreenshot(page, 'admin-operator-wizard-materials');

    await filing.toSubmitStep();
    expect(await page.getByTestId('filing-pledge-text').innerText()).toContain('所提交的备案材料真实、准确、完整');
    expect(await filing.submitEnabled()).toBe(false);
    await filing.acceptPledge();
    await expect.poll(() => filing.submitEnabled()).toBe(true);
    await saveScreenshot(page, 'admin-operator-wizard-pledge');
    await filing.submitTwice();
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '已提交', code: 'submitted' });
    expect(await filing.deadline()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await filing.daysLeft()).toMatch(/^剩余 [45] 个工作日$/);
    await expect.poll(() => filing.historyStatuses()).toEqual(['draft', 'submitted']);
    await saveScreenshot(page, 'admin-operator-filing-status');

    const rows = await serviceSelect<{ id: string; status: string; pledge_accepted: boolean; deadline_on: string; form: Record<string, unknown> }>(
      `filings?institution_id=eq.${MINE.id}&status=in.(draft,submitted,under_review,returned)&select=id,status,pledge_accepted,deadline_on,form`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: SEEDED_CHANGE_DRAFT, status: 'submitted', pledge_accepted: true });
    expect(rows[0]?.form).toMatchObject({ legal_representative: '赵丽', change_items: expect.arrayContaining(['托位数或班级']) });
    expect(await filing.deadline()).toBe(rows[0]?.deadline_on);
    const docs = await serviceSelect<{ material_type: string }>(`filing_documents?filing_id=eq.${SEEDED_CHANGE_DRAFT}&select=material_type`);
    expect(docs.map((d) => d.material_type).sort()).toEqual([...MATERIALS_WITH_MEALS].sort());

    // The list shows it; the wizard no longer lets anybody edit it.
    await page.goto(`${adminUrl}/filings`);
    await page.locator(`[data-testid="filing-row-${SEEDED_CHANGE_DRAFT}"][data-status="submitted"]`).waitFor({ state: 'visible' });
    await page.goto(`${adminUrl}/filings/${SEEDED_CHANGE_DRAFT}/edit`);
    await page.getByTestId('filing-not-editable').waitFor({ state: 'visible' });
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('corrects a returned filing: sees the reasons, replaces the material, resubmits', async () => {
    await asCountyAdmin('start_filing_review', { filing_id: SEEDED_CHANGE_DRAFT });
    await asCountyAdmin('return_filing', {
      filing_id: SEEDED_CHANGE_DRAFT,
      reasons: '消防安全证明不清晰，请上传清晰的消防验收意见书',
      checklist: { fire_safety: { ok: false, note: '扫描件模糊' } },
    });

    const page = await signIn();
    const filing = new AdminOperatorFilingPage(page, adminUrl);
    await filing.gotoStatus(SEEDED_CHANGE_DRAFT);
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '退回修改', code: 'returned' });
    expect(await page.getByTestId('filing-reasons').innerText()).toContain('消防安全证明不清晰，请上传清晰的消防验收意见书');
    expect(await page.getByTestId('material-note-fire_safety').innerText()).toContain('扫描件模糊');
    await saveScreenshot(page, 'admin-operator-filing-returned');

    await page.getByTestId('filing-continue').click();
    await page.getByTestId('filing-wizard').waitFor({ state: 'visible' });
    expect(await page.getByTestId('filing-returned-reasons').innerText()).toContain('消防安全证明不清晰');
    await page.getByTestId('filing-form-next').click();
    // 变更事项: the proposal is kept as filed
    await page.getByTestId('filing-step-changes').waitFor({ state: 'visible' });
    await filing.saveChanges();
    await page.getByTestId('filing-step-materials').waitFor({ state: 'visible' });
    await filing.upload('fire_safety', { name: 'fire_safety-v2.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    // The replacement replaces the material; the first file stays in its history (issue 16).
    await expect.poll(() => page.getByTestId('material-file-fire_safety').innerText()).toContain('fire_safety-v2.pdf');
    expect(await page.getByTestId('material-file-fire_safety').count()).toBe(1);
    await page.getByTestId('material-history-toggle-fire_safety').click();
    expect(await page.getByTestId('material-history-file-fire_safety').count()).toBe(1);
    await filing.toSubmitStep();
    // The pledge signed at the first submission stays signed.
    expect(await filing.submitEnabled()).toBe(true);
    await page.getByTestId('filing-submit').click();
    await filing.waitForStatusPage();
    await expect.poll(() => filing.status()).toEqual({ label: '已提交', code: 'submitted' });
    await expect.poll(() => filing.historyStatuses()).toEqual(['draft', 'submitted', 'under_review', 'returned', 'submitted']);
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('cannot open another institution’s profile or filing, nor the county review screens', async () => {
    const page = await signIn();
    const profile = new AdminOperatorProfilePage(page, adminUrl);
    await profile.goto(OTHER.id);
    await page.getByTestId('forbidden').waitFor({ state: 'visible' });
    expect(await page.getByTestId('forbidden').innerText()).toContain('无权访问');
    expect(await page.locator('body').innerText()).not.toContain(OTHER.name);

    const filing = new AdminOperatorFilingPage(page, adminUrl);
    await filing.gotoStatus(OTHER.filingId);
    await page.getByTestId('filing-not-found').waitFor({ state: 'visible' });
    expect(await page.getByTestId('filing-not-found').innerText()).toContain('无权查看');
    await page.goto(`${adminUrl}/filings/${OTHER.filingId}/edit`);
    await page.getByTestId('filing-not-found').waitFor({ state: 'visible' });

    const menu = await new AdminLayout(page).menuLabels();
    expect(menu).not.toContain('备案审核');
    expect(menu).not.toContain('备案登记册');
    await page.goto(`${adminUrl}/filing-reviews/${OTHER.filingId}`);
    await page.getByTestId('forbidden').waitFor({ state: 'visible' });
    await saveScreenshot(page, 'admin-operator-forbidden');
    expectNoPageErrors(page);
    await page.context().close();
  });
});
