import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(REPO_ROOT, '.test-artifacts', 'screenshots');

type TestBrowser = Browser & { cleanup(): Promise<void> };

/** Debian's Chromium, headless, with the flags this offline machine needs (plus `extraArgs`). */
async function launchChromium(extraArgs: string[]): Promise<{ browser: Browser; close(): Promise<void>; downloads: string }> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'tuoyu-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      // the apps honour prefers-reduced-motion (the admin turns antd's animations off): no test
      // waits for an animation, and the renderer does not draw them
      '--force-prefers-reduced-motion',
      ...extraArgs,
    ],
    // playwright refuses --user-data-dir with launch(); it makes its own throwaway profile. Keep
    // ours as the downloads/artifacts folder so closing still has one place to remove.
    downloadsPath: userDataDir,
  });
  return {
    browser,
    downloads: userDataDir,
    async close() {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The worker's shared Chromium (the e2e files run one after the other in one worker). */
let shared: { browser: Browser; downloads: string } | undefined;

/**
 * The Chromium a test file uses; `cleanup()` in its afterAll closes everything the file opened.
 *
 * Without `extraArgs` it is one Chromium shared by the files of the worker (launching one per file
 * cost ~1 s each): every test still works in contexts of its own, and `cleanup()` closes all
 * contexts left open, so the next file starts from a browser without pages, cookies or storage. A
 * browser that crashed or was closed is launched again for the next file; the process's exit ends
 * it. With `extraArgs` (e.g. a fake camera) the file gets its own Chromium, closed by `cleanup()`.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<TestBrowser> {
  if (extraArgs.length > 0) {
    const own = await launchChromium(extraArgs);
    return Object.assign(own.browser, { cleanup: () => own.close() });
  }
  if (!shared || !shared.browser.isConnected()) {
    const launched = await launchChromium([]);
    process.once('exit', () => rmSync(launched.downloads, { recursive: true, force: true }));
    shared = launched;
  }
  const browser = shared.browser;
  return Object.assign(browser, {
    async cleanup() {
      await Promise.all(browser.contexts().map((context) => context.close().catch(() => undefined)));
    },
  });
}

/**
 * Playwright's 30 s defaults are tuned for quiet machines; on a busy 2-core one an admin page's
 * first load alone can take longer. Every wait is for an element or an event, so a generous limit
 * costs nothing when things work and only bounds a real hang.
 */
export const ACTION_TIMEOUT_MS = 60_000;
export const NAVIGATION_TIMEOUT_MS = 90_000;

const pageErrors = new WeakMap<Page, string[]>();

/**
 * Phone contexts draw one device pixel per CSS pixel: a scale of 2 is four times the pixels for
 * Chromium to raster on every frame, and nothing the tests check depends on it (layout, hit targets
 * and "on the first screen" are in CSS pixels). A test that decodes a screenshot (the campaign
 * story's QR code) asks for 2.
 */
export const PHONE_SCALE = 1;

/**
 * A new page (own context) that records page errors and console errors. `storageState`: cookies and
 * localStorage the context starts with (a signed-in session, tests/e2e/pages/admin-session.ts).
 * `deviceScaleFactor`: of a mobile page (default PHONE_SCALE).
 */
export async function openPage(
  browser: Browser,
  options: { mobile?: boolean; storageState?: BrowserContextOptions['storageState']; deviceScaleFactor?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({
    ...(options.mobile
      ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: options.deviceScaleFactor ?? PHONE_SCALE, isMobile: true, hasTouch: true, locale: 'zh-CN', reducedMotion: 'reduce' as const }
      : { viewport: { width: 1366, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' as const }),
    ...(options.storageState ? { storageState: options.storageState } : {}),
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  return page;
}

/**
 * The browser's notice that a ResizeObserver callback resized something again within one frame
 * (antd's tables and overflow menus do, more often on a busy machine): the spec reports it as an
 * error event, yet nothing failed and the next frame delivers the rest.
 */
const BENIGN = [/ResizeObserver loop (completed with undelivered notifications|limit exceeded)/];

/** Errors the page reported so far, minus benign ones and those a test declares expected (e.g. a 400 it provoked). */
export function pageErrorsOf(page: Page, allow: RegExp[] = []): string[] {
  return (pageErrors.get(page) ?? []).filter((e) => ![...BENIGN, ...allow].some((re) => re.test(e)));
}

export function expectNoPageErrors(page: Page, allow: RegExp[] = []): void {
  const errors = pageErrorsOf(page, allow);
  if (errors.length) throw new Error(`The page reported errors:\n${errors.join('\n')}`);
}

/**
 * Before a screenshot: the page has loaded and shows no spinner, skeleton, loading button or
 * loading state, and every image has decoded. (Not `networkidle`: it waits for 500 ms without any
 * request, which a busy machine or a refetch can postpone past any limit, and it says nothing
 * about what the screen shows.)
 */
export async function waitUntilSettled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(() => {
    const busy = document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading, [data-testid="state-loading"]');
    return !busy && [...document.images].every((img) => img.complete);
  });
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The phone the mini-program is checked on (issue 16): 390×844, touch, zh-CN. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

/**
 * A page at phone size. `geolocation`: a position the browser grants (WGS-84, as a phone's GPS);
 * 'denied': the family refused location (so the region picker is the way to search nearby).
 */
export async function openPhonePage(
  browser: Browser,
  options: { geolocation?: { latitude: number; longitude: number } | 'denied' } = {},
): Promise<Page> {
  const geo = options.geolocation;
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    deviceScaleFactor: PHONE_SCALE,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    reducedMotion: 'reduce',
    ...(geo && geo !== 'denied' ? { geolocation: geo, permissions: ['geolocation'] } : { permissions: [] }),
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  return page;
}
