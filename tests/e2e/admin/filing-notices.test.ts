/**
 * Issue 13 §2, 备案后发现问题告知: the 汶上 county admin records a problem on a filing approved today
 * (within the 15-working-day limit), the registry shows 「待整改 截止 …」, the operator sees the notice
 * on 本机构信息 and answers with a 改正说明, and the county sees the answer and confirms the fix.
 * A filing approved in 2024 (小太阳) is past the limit: no form, the reason instead, and its open
 * notice is overdue (red). The approved filing is made through supabase-js as the apps do.
 */
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount, type DemoAccount } from '../pages/admin-accounts.ts';
import { createSubmittedFiling, REQUIRED_WITHOUT_MEALS, type OperatorFiling } from '../pages/admin-review-fixtures.ts';
import { AdminCountyNotices, AdminOperatorNotices, registryNoticeTag } from '../pages/admin-filing-notices.ts';
import { I } from '../../support/fixtures.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const env = { supabaseUrl: inject('supabaseUrl'), anonKey: inject('anonKey'), serviceRoleKey: inject('serviceRoleKey') };
const adminUrl = inject('adminUrl');
const wenshangAdmin = findDemoAccount('county_admin', '汶上');
const renchengAdmin = findDemoAccount('county_admin', '任城');
const PROBLEM = '消防安全检查合格证明已过期，请重新办理';
const RECTIFY_BY = '2099-12-31';

let browser: Browser & { cleanup(): Promise<void> };
let operator: OperatorFiling;

/** The county admin approves the operator's filing through the review RPCs (as the review screen does). */
async function approveAsCounty(account: DemoAccount, filingId: string): Promise<void> {
  const county = createClient(env.supabaseUrl, env.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  const signIn = await county.auth.signInWithPassword({ email: account.email, password: account.password });
  if (signIn.error) throw new Error(`county sign-in failed: ${signIn.error.message}`);
  const started = await county.rpc('start_filing_review', { filing_id: filingId });
  if (started.error) throw new Error(`starting the review failed: ${started.error.message}`);
  const checklist = Object.fromEntries(REQUIRED_WITHOUT_MEALS.map((m) => [m, { ok: true }]));
  const approved = await county.rpc('approve_filing', { filing_id: filingId, checklist });
  if (approved.error) throw new Error(`approving failed: ${approved.error.message}`);
  await county.auth.signOut();
}

/** A blank page signed in (the test opens its page). */
function signIn(email: string, password: string): Promise<Page> {
  return adminPageAs(browser, { email, password });
}

describe.skipIf(!wenshangAdmin || !renchengAdmin)('备案后发现问题告知', () => {
  beforeAll(async () => {
    operator = await createSubmittedFiling(env, '汶上县告知');
    await approveAsCounty(wenshangAdmin!, operator.filingId);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('the county notifies within the limit, the operator replies, the county confirms the fix', async () => {
    const county = await signIn(wenshangAdmin!.email, wenshangAdmin!.password);
    let operatorPage: Page | undefined;
    try {
      const notices = new AdminCountyNotices(county, adminUrl);
      await notices.goto(operator.institutionId);
      expect(await notices.notifyByText()).toMatch(/15个工作日内（至 \d{4}年\d{1,2}月\d{1,2}日）可告知/);
      await notices.notify(PROBLEM, RECTIFY_BY);
      expect(await notices.status(PROBLEM)).toBe('待整改');
      expect(await registryNoticeTag(county, adminUrl, operator.institutionName, operator.institutionId)).toBe(`待整改 截止 ${RECTIFY_BY}`);

      operatorPage = await signIn(operator.email, operator.password);
      const mine = new AdminOperatorNotices(operatorPage, adminUrl);
      await mine.goto(operator.institutionId);
      expect(await mine.deadline(PROBLEM)).toBe(RECTIFY_BY);
      // the institution answers; confirming the fix is the county's (no such button here)
      expect(await mine.item(PROBLEM).getByTestId('notice-resolve').count()).toBe(0);
      await mine.reply(PROBLEM, '已重新办理消防安全检查合格证明');
      await expectNoPageErrors(operatorPage);

      await notices.goto(operator.institutionId);
      expect(await notices.reply(PROBLEM)).toBe('已重新办理消防安全检查合格证明');
      await notices.resolve(PROBLEM);
      expect(await notices.status(PROBLEM)).toBe('已整改');
      expect(await registryNoticeTag(county, adminUrl, operator.institutionName, operator.institutionId)).toBeNull();
      await expectNoPageErrors(county);
    } catch (e) {
      await saveScreenshot(county, 'filing-notices-county');
      if (operatorPage) await saveScreenshot(operatorPage, 'filing-notices-operator');
      throw e;
    } finally {
      await county.close();
      await operatorPage?.close();
    }
  });

  it("another county's admin neither reads the notices nor may notify", async () => {
    const other = await signIn(renchengAdmin!.email, renchengAdmin!.password);
    try {
      const notices = new AdminCountyNotices(other, adminUrl);
      await notices.goto(operator.institutionId);
      expect(await notices.row(PROBLEM).count()).toBe(0);
      expect(await other.getByTestId('notice-form').count()).toBe(0);
      expect(await other.getByTestId('notice-resolve').count()).toBe(0);
      await expectNoPageErrors(other);
    } catch (e) {
      await saveScreenshot(other, 'filing-notices-other-county');
      throw e;
    } finally {
      await other.close();
    }
  });

  it('past the limit the form is closed with the reason; an open notice past its deadline is 逾期 in red', async () => {
    const county = await signIn(wenshangAdmin!.email, wenshangAdmin!.password);
    try {
      const notices = new AdminCountyNotices(county, adminUrl);
      await notices.goto(I.homeBased);
      expect(await notices.closedText()).toMatch(/告知期限已过.*监督检查/s);
      expect(await county.getByTestId('notice-form').count()).toBe(0);
      expect(await notices.status('健康证复印件不清晰')).toBe('逾期');
      const tag = await registryNoticeTag(county, adminUrl, '小太阳', I.homeBased);
      expect(tag).toMatch(/^待整改 截止 \d{4}-\d{2}-\d{2}$/);
      expect(await county.getByTestId(`registry-notice-${I.homeBased}`).getAttribute('data-overdue')).toBe('true');
      await expectNoPageErrors(county);
    } catch (e) {
      await saveScreenshot(county, 'filing-notices-closed');
      throw e;
    } finally {
      await county.close();
    }
  });
});
