/**
 * Issue 14, the campaign story in real Chromium across both apps:
 *   1. (setup, service role) a 汶上县 campaign running now, so sign-up is open; the 中都街道 community
 *      worker posts an open-day event in it through the API as that worker (the trigger checks the
 *      street) — it waits for the county's review;
 *   2. the 汶上县 county admin publishes it on the admin's 宣传月活动 list;
 *   3. a family opens the campaign in the mini-program H5 (390×844), finds the event with its free
 *      places, signs in (demo e-mail sign-in) and signs up → 已确认 with a 6-digit check-in code;
 *   4. the worker, on a phone-sized admin page, checks the family in by scanning the QR code of the
 *      sign-up with the camera (Chromium's fake camera plays a video of the QR code the mini-program
 *      shows); typing the code again says 已签到;
 *   5. the campaign report shows one attendance, and exports as XLSX;
 *   6. the family reads the policies for 汶上县 (search 托育补贴 finds it in a policy's text) with the
 *      amounts table, and books an expert slot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot } from '../support/browser.ts';
import { writeFakeCameraY4m } from '../support/fake-camera.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const env = { supabaseUrl: inject('supabaseUrl'), anonKey: inject('anonKey'), serviceRoleKey: inject('serviceRoleKey') };
const adminUrl = inject('adminUrl');
const miniappUrl = inject('miniappUrl');
const county = findDemoAccount('county_admin', '汶上');
const worker = findDemoAccount('community_worker', '中都');
const family = findDemoAccount('family', '中都');
const TITLE = `爱心托育中心开放日（故事${Date.now() % 100000}）`;

let browser: Browser & { cleanup(): Promise<void> };
let campaignId = '';
let eventId = '';
let code = '';
let familyPage: Page;

/** POST a row through the REST API with a bearer (service role key or a user's token); returns the rows. */
async function rest(bearer: string, table: string, body: unknown): Promise<unknown[]> {
  const res = await fetch(`${env.supabaseUrl}/rest/v1/${table}`, {
    method: 'POST',
    headers: { apikey: env.anonKey, authorization: `Bearer ${bearer}`, 'content-type': 'application/json', prefer: 'return=representation' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${table}: ${res.status} ${JSON.stringify(json)}`);
  return json as unknown[];
}

async function signInApi(email: string, password: string): Promise<string> {
  const res = await fetch(`${env.supabaseUrl}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: env.anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const json = (await res.json()) as { access_token?: string };
  if (!json.access_token) throw new Error(`sign-in failed: ${JSON.stringify(json)}`);
  return json.access_token;
}

describe.skipIf(!county || !worker || !family)('issue 14 story: post → publish → sign up → check in → report', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 8 * 3600_000 + 20 * 86400_000).toISOString().slice(0, 10);
    const [campaign] = (await rest(env.serviceRoleKey, 'campaigns', { name: '汶上县托育服务宣传周（故事）', theme: '普惠托育·科学育儿',
      year: Number(today.slice(0, 4)), starts_on: today, ends_on: end, region_code: '370830000000' })) as { id: string }[];
    campaignId = campaign!.id;

    const token = await signInApi(worker!.email, worker!.password);
    const starts = new Date(Date.now() + 3 * 86400_000);
    const [event] = (await rest(token, 'events', { campaign_id: campaignId, title: TITLE, kind: 'open_day', street_code: '370830001000',
      county_code: '370830000000', starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 2 * 3600_000).toISOString(),
      signup_closes_at: starts.toISOString(), venue: '汶上县中都街道中都大街188号', lat: 35.7324, lng: 116.4971, capacity: 10,
      status: 'pending_review' })) as { id: string; status: string }[];
    expect(event!.status).toBe('pending_review');
    eventId = event!.id;
  }, 60_000);
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('the county admin publishes the event', async () => {
    const page = await adminPageAs(browser, county!, '/events');
    const row = page.locator('tr', { hasText: TITLE });
    await row.getByTestId('event-publish').click();
    await expect.poll(async () => (await row.getByTestId('event-row-status').innerText()).trim(), { timeout: 15_000 }).toBe('已发布');
    await saveScreenshot(page, 'campaign-story-01-published');
    expectNoPageErrors(page);
  }, 90_000);

  it('a family finds it under the campaign in the mini-program and signs up', async () => {
    // drawn at twice the pixels: its QR code is screenshotted for the camera below
    const page = await openPage(browser, { mobile: true, deviceScaleFactor: 2 });
    familyPage = page;
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new MiniappApp(page, miniappUrl);
    await app.open('features/events/pages/list/index', { campaign: campaignId });
    await app.waitForLoaded();
    const card = app.byTestId('event-card').filter({ hasText: TITLE });
    await expect.poll(async () => (await card.getByTestId('event-places').innerText()).trim(), { timeout: 20_000 }).toBe('剩余 10 个名额');
    await card.click();
    await app.settle();
    await app.byTestId('sign-in-password').locator('input').fill(family!.password);
    await app.byTestId('sign-in-submit').click();
    await app.byTestId('signup-submit').click();
    await expect.poll(async () => (await app.byTestId('my-signup-status').innerText()).trim(), { timeout: 20_000 }).toBe('已确认');
    code = (await app.byTestId('my-signup-code').innerText()).trim();
    expect(code).toMatch(/^\d{6}$/);
    await saveScreenshot(page, 'campaign-story-02-signed-up');
    expectNoPageErrors(page);
  }, 120_000);

  it('the worker checks the family in by scanning the sign-up’s QR code with the phone’s camera', async () => {
    expect(code).toMatch(/^\d{6}$/);
    // the QR code exactly as the mini-program draws it becomes the fake camera's picture
    const qr = await new MiniappApp(familyPage, miniappUrl).byTestId('my-signup-qr').screenshot();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tuoyu-camera-'));
    const video = path.join(dir, 'qr.y4m');
    await writeFakeCameraY4m(familyPage, qr, video);
    const camera = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    try {
      const page = await adminPageAs(camera, worker!, undefined, { mobile: true });
      await page.context().grantPermissions(['camera'], { origin: new URL(adminUrl).origin });
      await page.goto(`${adminUrl}/events/${eventId}/check-in`);
      onTestFailed(async () => void (await saveScreenshot(page, 'campaign-story-03-check-in-failed')));
      await page.getByTestId('qr-scanner-start').click();
      // decoding frames of the fake camera is slow on a busy machine: wait for the first answer
      // (a check-in result, or the scanner's own error) as long as the story allows
      await page.getByTestId('check-in-result').or(page.getByTestId('qr-scanner-error')).first().waitFor({ timeout: 150_000 });
      expect(await page.getByTestId('qr-scanner-error').count()).toBe(0);
      await expect.poll(async () => (await page.getByTestId('check-in-result').innerText()).trim(), { timeout: 30_000 }).toContain(`签到成功`);
      await expect.poll(async () => (await page.getByTestId('check-in-result').innerText()).trim()).toContain(code);
      await page.getByTestId('qr-scanner-stop').click();
      await expect.poll(async () => (await page.getByTestId('check-in-count').innerText()).trim(), { timeout: 15_000 }).toBe('已到场 1 / 已确认 1');
      // typing the code stays: the same sign-up again is refused in Chinese
      await page.getByTestId('check-in-code').fill(code);
      await page.getByTestId('check-in-submit').click();
      await expect.poll(async () => (await page.getByTestId('check-in-result').innerText()).trim(), { timeout: 15_000 }).toContain('已签到');
      await saveScreenshot(page, 'campaign-story-03-checked-in');
      expectNoPageErrors(page, [/the server responded with a status of 409/]);
    } finally {
      await camera.cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 270_000);

  it('the campaign report shows one attendance', async () => {
    const page = await adminPageAs(browser, county!, '/campaign-report');
    await expect.poll(async () => (await page.getByTestId('report-attended').innerText()).replace(/\s+/g, ''), { timeout: 20_000 }).toBe('到场人数1');
    await saveScreenshot(page, 'campaign-story-04-report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toMatch(/统计-\d{8}\.xlsx$/);
    expectNoPageErrors(page);
  }, 90_000);

  it('the family reads the policies for 汶上县: Chinese search finds 托育补贴 in a text; the amounts table', async () => {
    const app = new MiniappApp(familyPage, miniappUrl);
    await app.open('features/policies/pages/list/index');
    await app.waitForLoaded();
    // The unfiltered list (national, 山东, 济宁, 汶上) is there before the search.
    await app.byTestId('policy-card').filter({ hasText: '山东省普惠托育服务发展实施意见' }).waitFor({ state: 'visible', timeout: 20_000 });
    await app.byTestId('policy-search').locator('input').fill('托育补贴');
    await app.byTestId('policy-search').locator('input').press('Enter');
    // The search replaces the list (the unfiltered one also holds the 济宁 card).
    await expect.poll(() => app.byTestId('policy-card').filter({ hasText: '山东省普惠托育服务发展实施意见' }).count()).toBe(0);
    const card = app.byTestId('policy-card').filter({ hasText: '济宁市普惠托育机构运营补贴办法' });
    await card.waitFor({ state: 'visible', timeout: 20_000 });
    await card.click();
    await app.settle();
    await expect.poll(async () => app.byTestId('policy-amount').count(), { timeout: 20_000 }).toBe(3);
    await saveScreenshot(familyPage, 'campaign-story-05-policy');
    expectNoPageErrors(familyPage);
  }, 90_000);

  it('the family books an expert slot', async () => {
    const app = new MiniappApp(familyPage, miniappUrl);
    await app.open('features/guidance/pages/experts/index');
    await app.waitForLoaded();
    await app.byTestId('slot-row').first().waitFor({ state: 'visible', timeout: 20_000 });
    // 张女士's seeded booking (刘护士长's first slot) shows once her bookings have loaded
    await app.byTestId('slot-booking-status').first().waitFor({ state: 'visible', timeout: 20_000 });
    const before = await app.byTestId('slot-booking-status').count();
    await app.byTestId('slot-book').first().click();
    await expect.poll(async () => app.byTestId('slot-booking-status').count(), { timeout: 20_000 }).toBe(before + 1);
    await saveScreenshot(familyPage, 'campaign-story-06-booked');
    expectNoPageErrors(familyPage);
  }, 90_000);
});
