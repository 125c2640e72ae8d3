/**
 * Issue 12 in the browser (H5 at 390×844): a new family signs in through wechat-login and the
 * WeChat stand-in (demo picker), gives the separate consent, adds a child of 20 months, finds
 * 汶上县爱心托育中心's 托小班 with its one free place (15 places, 14 placed), requests it; the
 * operator offers in the admin's 入托管理; the family accepts with the deadline shown; rates the
 * institution after the placement and the operator replies in 评价管理; the public page then shows
 * no free place and the review with its reply, author masked; the offer is listed in 我的 › 消息 and
 * its subscribe message appears in the stand-in's outbox after the drain.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '@supabase/supabase-js';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, openPage, saveScreenshot } from '../support/browser.ts';
import { MiniappApp } from '../pages/miniapp-app.ts';
import { MiniappFamily } from '../pages/miniapp-family.ts';
import { MiniappInstitutionPage } from '../pages/miniapp-institution.ts';
import { AdminEnrollmentPage } from '../pages/admin-enrollment.ts';
import { AdminReviewsPage } from '../pages/admin-reviews.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const miniappUrl = inject('miniappUrl');
const adminUrl = inject('adminUrl');
const supabaseUrl = inject('supabaseUrl');
const anonKey = inject('anonKey');
const serviceRoleKey = inject('serviceRoleKey');
const wechatUrl = inject('wechatUrl');

const AIXIN = '10000000-0000-4000-8000-000000000001';
const OPERATOR = { email: 'operator.wenshang@demo.tuoyu.cn', password: 'Tuoyu-demo-2025' };

let browser: Browser & { cleanup(): Promise<void> };
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.cleanup();
});

function birthDate20MonthsAgo(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 20);
  return d.toISOString().slice(0, 10);
}

describe('family story (H5)', () => {
  it('signs in, consents, adds a child of 20 months, requests a 托小班 place, accepts the offer; the vacancy drops', async () => {
    const page = await openPage(browser, { mobile: true });
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new MiniappApp(page, miniappUrl);
    const family = new MiniappFamily(app);

    await family.signInAsDemo('guest');
    expect(await app.byTestId('mine-name').innerText()).toBe('微信用户');

    await family.openFromMine('familyChildren');
    await app.byTestId('consent-required').waitFor();
    await app.byTestId('go-consent').click();
    await app.settle();
    await app.waitForLoaded();
    await family.consent();
    await page.goBack();
    await app.settle();
    await app.byTestId('child-add').waitFor();
    await family.addChild('小石头', birthDate20MonthsAgo());
    expect(await app.byTestId('child-card-age').first().innerText()).toContain('（20个月）');

    const institution = new MiniappInstitutionPage(app);
    await institution.open(AIXIN);
    const vacancies = await institution.rows('institution-class-vacancy');
    expect(vacancies[1]).toMatch(/^空位 1 个 · 更新于/);
    await app.byTestId('institution-apply').click();
    await app.settle();
    await app.waitForLoaded();
    await app.byTestId('apply-class-toddler').click();
    await app.byTestId('apply-submit').click();
    await app.byTestId('requests-page').waitFor({ timeout: 20_000 });
    await app.waitForLoaded();
    const card = app.byTestId('request-card').filter({ hasText: '汶上县爱心托育中心' });
    await expect.poll(async () => card.locator('[data-testid="request-status"]').innerText()).toBe('待处理');
    await saveScreenshot(page, 'miniapp-h5-family-request');

    // the operator offers the place in the admin's 入托管理 (the request's id read through the API)
    const operator = createClient(supabaseUrl, anonKey, { auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket } });
    await operator.auth.signInWithPassword({ email: OPERATOR.email, password: OPERATOR.password });
    const queue = await operator.from('enrollment_requests').select('id').eq('institution_id', AIXIN).eq('status', 'pending')
      .order('created_at', { ascending: false }).limit(1).single();
    expect(queue.error).toBeNull();
    const admin = await adminPageAs(browser, OPERATOR);
    const enrollment = new AdminEnrollmentPage(admin, adminUrl);
    await enrollment.goto();
    expect(await enrollment.requestText(queue.data!.id)).toContain('小石头');
    await enrollment.offer(queue.data!.id, '彩虹托小班');
    await enrollment.status(queue.data!.id).filter({ hasText: '已录取待确认' }).waitFor({ state: 'visible' });

    await page.reload();
    await app.settle();
    await app.waitForLoaded();
    await app.byTestId('offer-deadline').waitFor();
    expect(await app.byTestId('offer-deadline').innerText()).toMatch(/^请在 \d+月\d+日 \d{2}:\d{2} 前确认$/);
    await app.byTestId('offer-accept').click();
    await family.confirmModal();
    await expect.poll(async () => card.locator('[data-testid="request-status"]').innerText(), { timeout: 20_000 }).toBe('已入托');
    await app.byTestId('placement-card').filter({ hasText: '小石头' }).waitFor();
    await saveScreenshot(page, 'miniapp-h5-family-placed');

    // the family rates 爱心 after the placement; the operator replies once
    await app.byTestId('placement-card').filter({ hasText: '小石头' }).locator('[data-testid="placement-review"]').click();
    await app.settle();
    await app.byTestId('review-body').locator('textarea').fill('老师很细心，每天反馈孩子情况。');
    await app.byTestId('review-submit').click();
    await app.byTestId('requests-page').waitFor({ timeout: 20_000 });
    const reviewsAdmin = new AdminReviewsPage(admin, adminUrl);
    await reviewsAdmin.goto();
    await reviewsAdmin.reply('老师很细心，每天反馈孩子情况。', '感谢您的认可！');
    await saveScreenshot(admin, 'admin-reviews-replied');
    expectNoPageErrors(admin);
    expectNoPageErrors(page);

    // the public page (a visitor): no free place left in 彩虹托小班
    const visitor = await openPage(browser, { mobile: true });
    const publicApp = new MiniappApp(visitor, miniappUrl);
    const publicPage = new MiniappInstitutionPage(publicApp);
    await publicPage.open(AIXIN);
    expect((await publicPage.rows('institution-class-vacancy'))[1]).toMatch(/^暂无空位 · 更新于/);
    expect(await publicPage.text('institution-rating-overall')).toMatch(/条评价$/);
    expect(await publicPage.text('institution-rating-overall')).toContain('2 条评价');
    const reviews = await publicPage.rows('institution-review');
    expect(reviews[0]).toContain('老师很细心，每天反馈孩子情况。');
    expect(reviews[0]).toContain('机构回复：感谢您的认可！');
    expect(reviews[0]).toMatch(/^微\*\*/); // the author masked

    // the offer's subscribe message, sent by the drain through the WeChat stand-in
    const drain = await fetch(`${supabaseUrl}/functions/v1/notices-drain`, {
      method: 'POST', headers: { apikey: anonKey, authorization: `Bearer ${serviceRoleKey}` },
    });
    expect(drain.status).toBe(200);
    const sent = (await (await fetch(`${wechatUrl}/__stand-in/messages`)).json()) as Array<{ template_id: string; data: Record<string, { value: string }> }>;
    expect(sent.some((m) => m.template_id === 'dev-offer_received' && m.data.thing1?.value === '收到录取通知')).toBe(true);

    // 我的 › 消息 lists the same notices; 我的评价 shows the institution's reply
    await app.open('features/family/pages/notices/index');
    await app.byTestId('notices-page').waitFor();
    expect(await app.byTestId('notice-card').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('收到录取通知')]));
    await app.open('pages/mine/index');
    await family.openFromMine('familyReviews');
    await app.byTestId('my-reviews-page').waitFor();
    expect(await app.byTestId('my-review-reply').innerText()).toBe('机构回复：感谢您的认可！');
    expectNoPageErrors(page);
  });
});
