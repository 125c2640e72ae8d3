/**
 * Size of what the browser downloads to show the admin's first screen (/login): every JS file the
 * page requests, gzipped. Goal from the benchmark issue: ≤ 600 KB.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';
import { expectNoPageErrors, launchBrowser, openPage } from '../support/browser.ts';
import { AdminLoginPage } from '../pages/admin-login.ts';

const FIRST_ROUTE_JS_GZIP_BUDGET = 600 * 1024;
const adminUrl = inject('adminUrl');
let browser: Browser & { cleanup(): Promise<void> };

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.cleanup();
});

it('loads the sign-in page with at most 600 KB of gzipped JavaScript', async () => {
  const page = await openPage(browser);
  const scripts = new Set<string>();
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin === adminUrl && url.pathname.endsWith('.js')) scripts.add(url.pathname);
  });
  await new AdminLoginPage(page, adminUrl).goto();
  // Here `networkidle` is the point: every script the first route pulls in must have arrived before
  // counting. The sign-in page makes no API calls, so it does settle; the limit is the page's (90 s).
  await page.waitForLoadState('networkidle');

  const sizes = [...scripts].map((file) => {
    const bytes = readFileSync(path.join(REPO_ROOT, 'admin', 'dist', file));
    return { file, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  console.log(
    `[admin] first route JS: ${(total / 1024).toFixed(1)} KB gzip in ${sizes.length} files\n` +
      sizes.map((s) => `  ${s.file} ${(s.gzip / 1024).toFixed(1)} KB`).join('\n'),
  );
  expect(sizes.length).toBeGreaterThan(1); // vendor chunks are split out
  expect(total).toBeLessThanOrEqual(FIRST_ROUTE_JS_GZIP_BUDGET);
  expectNoPageErrors(page);
  await page.context().close();
});
