/**
 * Issue 15 §5 补贴标准 in the browser: the 济宁 city admin raises the city's 2026 托大班 rate (the form
 * refuses 0 in Chinese first); 汶上 shows it as inherited from 济宁市. The 汶上 operator's new
 * application for 2026 下半年 is computed from the edited rate, while the approved 上半年 application
 * keeps the amount computed when it was submitted.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, pageErrorsOf, saveScreenshot } from '../support/browser.ts';
import { demoAccounts, findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminSubsidyPage } from '../pages/admin-money.ts';
import { AdminSubsidyRulesPage } from '../pages/admin-subsidy-rules.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const adminUrl = inject('adminUrl');
const jiningAdmin = findDemoAccount('city_admin', '济宁');
const operator = demoAccounts().find((a) => a.role === 'operator' && a.description.includes('汶上'));
const AI_XIN = '汶上县爱心托育中心';

let browser: Browser & { cleanup(): Promise<void> };

describe.skipIf(!jiningAdmin || !operator)('补贴标准: edit a rule, a new application is computed from it', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('the city admin raises 托大班 to 1,200 (0 is refused in Chinese); 汶上 inherits it', async () => {
    const page = await adminPageAs(browser, jiningAdmin!);
    try {
      const rules = new AdminSubsidyRulesPage(page, adminUrl);
      await rules.goto();
      expect(await rules.amount('operating', 'older_toddler')).toBe('700.00');
      expect(await rules.source('operating', 'older_toddler')).toEqual({ text: '本级设定', region: '370800000000' });
      await rules.openEdit('operating', 'older_toddler');
      await rules.typeAmount('0');
      await rules.save();
      expect(await rules.formError()).toBe('补贴标准金额应大于 0 元');
      await rules.typeAmount('1200');
      await rules.save();
      await rules.waitClosed();
      await expect.poll(() => rules.amount('operating', 'older_toddler')).toBe('1,200.00');
      await rules.chooseRegion('汶上县');
      await expect.poll(async () => (await rules.source('operating', 'older_toddler')).text).toBe('沿用济宁市');
      expect(await rules.amount('operating', 'older_toddler')).toBe('1,200.00');
      expect(await rules.row('operating', 'older_toddler').getByTestId('subsidy-rule-edit').count()).toBe(0);
      await expectNoPageErrors(page);
    } catch (e) {
      console.error('page errors:', pageErrorsOf(page));
      await saveScreenshot(page, 'subsidy-rules-edit');
      throw e;
    } finally {
      await page.close();
    }
  });

  it('the operator’s new application uses 1,200; the approved one keeps what it was computed with', async () => {
    const page = await adminPageAs(browser, operator!);
    try {
      const subsidies = new AdminSubsidyPage(page, adminUrl);
      await subsidies.goto();
      // 2026 下半年 (the newest open period): 张小禾 in 托大班 since September = 4 months × 1,200 ÷ 12
      const preview = page.getByTestId('subsidy-preview');
      await preview.waitFor({ state: 'visible' });
      expect(await page.getByTestId('subsidy-preview-total').innerText()).toBe('400.00');
      expect(await preview.getByTestId('subsidy-lines').innerText()).toContain('1,200.00/生·年');
      await page.getByTestId('subsidy-apply').click();
      const rows = page.locator(`tr[data-testid="subsidy-row-${AI_XIN}"]`);
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.nth(0).innerText()).toContain('2026年下半年');
      expect(await rows.nth(0).getByTestId('subsidy-total').innerText()).toBe('400.00');
      expect(await rows.nth(0).getByTestId('subsidy-status').getAttribute('data-status')).toBe('applied');
      // the 上半年 application was approved at 700 for 托大班: its amount is what was computed then
      expect(await rows.nth(1).innerText()).toContain('2026年上半年');
      expect(await rows.nth(1).getByTestId('subsidy-total').innerText()).toBe('15,500.00');
      await expectNoPageErrors(page);
    } catch (e) {
      console.error('page errors:', pageErrorsOf(page));
      await saveScreenshot(page, 'subsidy-rules-apply');
      throw e;
    } finally {
      await page.close();
    }
  });
});
