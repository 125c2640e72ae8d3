/**
 * Signed-in admin pages without the sign-in form. The form itself is tested once
 * (tests/e2e/admin/auth-and-regions.test.ts: the form, a wrong password, the landing, sign-out);
 * every other test starts from a browser that already holds the person's session: the same
 * password grant the form makes (POST /auth/v1/token through supabase-js, against the e2e stack),
 * written into the admin's localStorage exactly as the admin's own supabase-js client writes it.
 * The page then opens the page a test needs directly — no /login, no 工作台 in between.
 *
 * Each call is its own sign-in (its own session, as the form would make): a test that signs a
 * person out, or revokes their sessions, affects only the sessions made before, never a cache.
 */
import { createClient, type SupportedStorage } from '@supabase/supabase-js';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { openPage } from '../support/browser.ts';

/** The admin's supabase-js `storageKey` (admin/src/providers/supabase-client.ts). */
export const ADMIN_AUTH_STORAGE_KEY = 'tuoyu-admin-auth';

type Credentials = { email: string; password: string };

/**
 * The browser state of a person signed in to the admin: the localStorage entries supabase-js writes
 * after a password sign-in (configured as the admin's client is), for the admin's origin.
 */
export async function adminStorageState(account: Credentials): Promise<NonNullable<BrowserContextOptions['storageState']>> {
  const stored = new Map<string, string>();
  const storage: SupportedStorage = {
    getItem: (key) => stored.get(key) ?? null,
    setItem: (key, value) => void stored.set(key, value),
    removeItem: (key) => void stored.delete(key),
  };
  const client = createClient(inject('supabaseUrl'), inject('anonKey'), {
    auth: { persistSession: true, autoRefreshToken: false, detectSessionInUrl: false, storageKey: ADMIN_AUTH_STORAGE_KEY, storage },
    // Node 20 has no WebSocket; the client never subscribes, but supabase-js builds its realtime client
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  const { data, error } = await client.auth.signInWithPassword({ email: account.email, password: account.password });
  if (error || !data.session) throw new Error(`signing ${account.email} in through the auth API failed: ${error?.message ?? 'no session'}`);
  if (!stored.has(ADMIN_AUTH_STORAGE_KEY)) throw new Error(`supabase-js stored no session under ${ADMIN_AUTH_STORAGE_KEY}`);
  return {
    cookies: [],
    origins: [{ origin: new URL(inject('adminUrl')).origin, localStorage: [...stored].map(([name, value]) => ({ name, value })) }],
  };
}

/**
 * A new desktop page (own context) signed in to the admin as `account`. With `path` (e.g.
 * '/reviews') it opens that page of the admin; without, it stays blank for the test to navigate.
 * `mobile`: a phone-sized page, as openPage's.
 */
export async function adminPageAs(browser: Browser, account: Credentials, path?: string, options: { mobile?: boolean } = {}): Promise<Page> {
  const page = await openPage(browser, { ...options, storageState: await adminStorageState(account) });
  if (path !== undefined) await page.goto(`${inject('adminUrl')}${path}`);
  return page;
}

/**
 * A new desktop page signed in as `account` on the landing the sign-in form leads to (the admin's
 * home, which sends each role to its 工作台): waits until the app has left / and /login.
 */
export async function adminLandingAs(browser: Browser, account: Credentials, options: { mobile?: boolean } = {}): Promise<Page> {
  const page = await adminPageAs(browser, account, '/', options);
  await page.waitForURL((url) => url.pathname !== '/');
  const landed = new URL(page.url()).pathname;
  if (landed.startsWith('/login')) throw new Error(`the admin refused ${account.email}'s session and showed ${landed}`);
  return page;
}
