/**
 * The certificate QR target on H5: `#/pages/verify/index?no=<filing_no>` calls verify_filing (anon)
 * and shows a green 已备案 card for a seeded filing, a clear Chinese message for an unknown number.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot } from '../support/browser.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappVerifyPage } from '../pages/miniapp-verify.ts';

const miniappUrl = inject('miniappUrl');

/** Seeded (supabase/seed.sql): 汶上县爱心托育中心, filed 2024-09-02 in 汶上县. */
const SEEDED = { filingNo: '37083020240001', name: '汶上县爱心托育中心', county: '汶上县', date: '2024年9月2日' };

let browser: Browser & { cleanup(): Promise<void> };

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.cleanup();
});

async function verifyPage(): Promise<{ page: Page; verify: MiniappVerifyPage }> {
  const page = await openPage(browser, { mobile: true });
  return { page, verify: new MiniappVerifyPage(new MiniappApp(page, miniappUrl)) };
}

describe('mini-program H5: certificate verification', () => {
  it('confirms a seeded filing number from the QR link (green 已备案 card)', async () => {
    const { page, verify } = await verifyPage();
    await verify.open(SEEDED.filingNo);
    const verdict = await verify.verdict();
    expect(verdict.valid).toBe(true);
    expect(verdict.text).toContain('已备案');
    expect(verdict.text).toContain(SEEDED.filingNo);
    expect(await verify.field('verify-institution')).toContain(SEEDED.name);
    expect(await verify.field('verify-county')).toContain(SEEDED.county);
    expect(await verify.field('verify-date')).toBe(SEEDED.date); // formatDate (@tuoyu/domain)
    await saveScreenshot(page, 'miniapp-h5-verify-valid');
    expectNoPageErrors(page);
    await page.context().close();
  });

  it('rejects an unknown number with a Chinese message and verifies a typed one', async () => {
    const { page, verify } = await verifyPage();
    await verify.open('37083020249999');
    const unknown = await verify.verdict();
    expect(unknown.valid).toBe(false);
    expect(unknown.text).toMatch(/未查询到|查无|未找到|不存在/);
    expect(unknown.text).not.toContain('已备案 ');
    await saveScreenshot(page, 'miniapp-h5-verify-unknown');

    await verify.verify(SEEDED.filingNo);
    await page.waitForFunction(() => document.querySelector('.taro_page [data-testid="verify-valid"]') !== null);
    expect((await verify.verdict()).valid).toBe(true);
    expectNoPageErrors(page);
    await page.context().close();
  });
});
