/**
 * Issue 16: the operator of 汶上县爱心托育中心 uploads a photo in 本机构信息 → 机构照片 (a PDF is
 * refused in Chinese before any upload); the mini-program's institution page (phone width) shows
 * it; the operator deletes it again (the other tests see the seeded state: no photos).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPhonePage, saveScreenshot } from '../support/browser.ts';
import { demoAccounts } from '../pages/admin-accounts.ts';
import { TINY_PDF, TINY_PNG } from '../pages/admin-operator-filing.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappInstitutionPage } from '../pages/miniapp-institution.ts';
import { I } from '../../support/fixtures.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const miniappUrl = inject('miniappUrl');
const operator = demoAccounts().find((a) => a.role === 'operator' && a.description.includes('汶上'));

let browser: Browser & { cleanup(): Promise<void> };
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.cleanup();
});

describe('institution photos: admin upload → mini-program page', () => {
  it('the operator uploads a photo, families see it, the operator deletes it', async () => {
    const page = await adminPageAs(browser, operator!, `/my-institution/${I.aiXin}?tab=photos`);
    const tab = page.getByTestId('institution-photos-tab');
    await tab.waitFor();
    const input = page.getByTestId('institution-photo-input');

    await input.setInputFiles({ name: '收费表.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    expect(await page.getByTestId('institution-photo-error').innerText()).toContain('请上传 JPG、PNG 或 WebP 图片');
    expect(await page.getByTestId('institution-photo-item').count()).toBe(0);

    await input.setInputFiles({ name: '门头.png', mimeType: 'image/png', buffer: TINY_PNG });
    await page.getByTestId('institution-photo-item').first().waitFor();
    expect(await page.getByTestId('institution-photo-error').count()).toBe(0);
    await saveScreenshot(page, 'admin-institution-photos');

    const phone = await openPhonePage(browser);
    const app = new MiniappApp(phone, miniappUrl);
    await new MiniappInstitutionPage(app).open(I.aiXin);
    const photo = app.byTestId('institution-photo').first();
    await photo.waitFor();
    await phone.waitForFunction(() => {
      const img = document.querySelector('.taro_page [data-testid="institution-photo"] img') as HTMLImageElement | null;
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    await saveScreenshot(phone, 'miniapp-phone-institution-photo');
    expectNoPageErrors(phone);
    await phone.context().close();

    await page.getByTestId('institution-photo-item').first().getByRole('button', { name: '删除照片' }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click(); // 删除 (antd spaces two-character labels)
    await page.getByTestId('institution-photo-item').first().waitFor({ state: 'detached' });
    expectNoPageErrors(page);
    await page.context().close();
  });
});
