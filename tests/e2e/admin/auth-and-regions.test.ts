/**
 * Admin vertical thread: sign-in (Supabase email/password through the local stack), the Chinese
 * regions list read through @refinedev/supabase, redirects for anonymous visitors, sign-out.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot } from '../support/browser.ts';
import { anySignedInAccount, type DemoAccount } from '../pages/admin-accounts.ts';
import { AdminLayout } from '../pages/admin-layout.ts';
import { AdminLoginPage } from '../pages/admin-login.ts';
import { AdminRegionsPage } from '../pages/admin-regions.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');

let browser: Browser & { cleanup(): Promise<void> };
let account: DemoAccount;

beforeAll(async () => {
  browser = await launchBrowser();
  account = await anySignedInAccount(inject('supabaseUrl'), inject('serviceRoleKey'));
});

afterAll(async () => {
  await browser?.cleanup();
});

async function signedInPage(): Promise<Page> {
  const page = await openPage(browser);
  const login = new AdminLoginPage(page, adminUrl);
  await login.goto();
  await login.signIn(account.email, account.password);
  // Staff land on their 工作台 (issue 16); the regions list is one menu entry away.
  await page.waitForURL(/\/workbench/);
  await page.goto(`${adminUrl}/regions`);
  return page;
}

describe('admin sign-in', () => {
  it('sends an anonymous visitor of /regions to the Chinese sign-in page', async () => {
    const page = await openPage(browser);
    await page.goto(`${adminUrl}/regions`);
    const login = new AdminLoginPage(page, adminUrl);
    await login.waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await login.titleText()).toBe('托育一件事 · 管理后台');
    const body = await page.locator('body').innerText();
    expect(body).toContain('邮箱');
    expect(body).toContain('密码');
    expect(await page.getByTestId('login-submit').innerText()).toMatch(/登\s*录/);
    await saveScreenshot(page, 'admin-login');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('keeps a wrong password on the sign-in page with a Chinese error', async () => {
    const page = await openPage(browser);
    const login = new AdminLoginPage(page, adminUrl);
    await login.goto();
    await login.signIn(account.email, `${account.password}-wrong`);
    expect(await login.errorText()).toContain('邮箱或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    // The refused password grant is an HTTP 400, which Chromium logs as a failed resource.
    expectNoPageErrors(page, [/status of 400/]);
    await page.context().close();
  });

  it('signs in, shows the seeded regions in Chinese, and signs out', async () => {
    const page = await signedInPage();
    const layout = new AdminLayout(page);
    expect(await layout.userName()).not.toBe('');
    expect(await layout.roleLabel()).not.toBe('');
    expect(await layout.menuLabels()).toContain('行政区划');

    const regions = new AdminRegionsPage(page, adminUrl);
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ state: 'visible' });
    expect(await regions.columnHeaders()).toEqual(expect.arrayContaining(['区划代码', '名称', '层级', '上级区划代码']));
    expect(await page.locator('body').innerText()).toMatch(/共 \d+ 条/);
    await saveScreenshot(page, 'admin-regions');

    // Search by name (ilike on the server).
    await regions.searchByName('山东');
    await regions.waitForRow('山东省');
    expect((await regions.readRows()).find((r) => r.name === '山东省')).toMatchObject({ code: '370000000000', level: '省' });

    await regions.searchByName('济宁');
    await regions.waitForRow('济宁市');
    const jining = await regions.readRows();
    expect(jining.every((r) => r.name.includes('济宁'))).toBe(true);
    expect(jining.find((r) => r.name === '济宁市')).toMatchObject({ code: '370800000000', level: '市', parent: '370000000000' });

    // Filter by level, combined with the name search.
    await regions.searchByName('汶上');
    await regions.filterByLevel('县（区）');
    await regions.waitForRow('汶上县');
    const counties = await regions.readRows();
    expect(counties.map((r) => `${r.name}/${r.level}`)).toEqual(['汶上县/县（区）']);

    await regions.searchByName('不存在的地名');
    await regions.emptyState().waitFor({ state: 'visible' });
    expect(await regions.emptyState().innerText()).toContain('没有符合条件的行政区划');

    await layout.signOut();
    await page.waitForURL(/\/login/);
    await page.goto(`${adminUrl}/regions`);
    await new AdminLoginPage(page, adminUrl).waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/login');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('keeps the session across a reload and leaves /login for a signed-in person', async () => {
    const page = await signedInPage();
    await page.reload();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/regions');
    await page.goto(`${adminUrl}/login`);
    await page.waitForURL(/\/workbench/);
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('sends a person whose session expired and cannot be refreshed back to sign-in', async () => {
    // signed in through the auth API (the form is covered above): the stored session is aged below
    const page = await adminPageAs(browser, account, '/regions');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ state: 'visible' });
    // Age the stored session: access token expired, refresh token revoked.
    await page.evaluate(() => {
      const key = 'tuoyu-admin-auth';
      const session = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
      session['expires_at'] = Math.floor(Date.now() / 1000) - 3600;
      session['refresh_token'] = 'revoked-refresh-token';
      localStorage.setItem(key, JSON.stringify(session));
    });
    await page.goto(`${adminUrl}/regions`);
    await new AdminLoginPage(page, adminUrl).waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.evaluate(() => localStorage.getItem('tuoyu-admin-auth'))).toBeNull();
    // The refused refresh is an HTTP 400 from GoTrue.
    expectNoPageErrors(page, [/status of 400/]);
    await page.context().close();
  });
});
