/**
 * Builds the admin and the mini-program (H5 and weapp) for the browser tests against the e2e stack's
 * address (127.0.0.1:E2E_STACK_PORT) and key, and writes a stamp saying for which. `pnpm test` runs
 * this in the background while the integration tests run (the builds are independent of them), and
 * the e2e global setup skips building when the stamp matches; run alone, it is the same build the
 * global setup does.
 *
 * The browser pages need only the admin and the H5 build; the weapp build serves two files
 * (miniapp/weapp-sandbox, miniapp/weapp-size). So the web apps are built and stamped first — the line
 * WEB_APPS_READY tells `pnpm test` the browser tests may start — and the weapp build runs on while
 * they do, with a stamp of its own that those two files wait for (waitForWeappBuild).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { resolveKeys } from '@tuoyu/local-supabase';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';

export const E2E_STACK_PORT = Number(process.env.E2E_STACK_PORT || 54399);
const STAMP = path.join(REPO_ROOT, '.test-artifacts', 'e2e-build.json');
const WEAPP_STAMP = path.join(REPO_ROOT, '.test-artifacts', 'e2e-build-weapp.json');
export const BUILD_LOG = path.join(REPO_ROOT, '.test-artifacts', 'e2e-build.log');
/** Printed once the admin and H5 builds are stamped (scripts/test.mjs starts the browser tests then). */
export const WEB_APPS_READY = '[e2e] web apps built and stamped';
const DISTS = [path.join(REPO_ROOT, 'admin', 'dist'), path.join(REPO_ROOT, 'miniapp', 'dist', 'h5')];

type Stamp = { url: string; anonKey: string };
/** The weapp build's own stamp: the stack it was built for, or why it failed. */
type WeappStamp = Partial<Stamp> & { failed?: string };

function build(filter: string, script: string, env: Record<string, string>): void {
  const started = Date.now();
  execFileSync('pnpm', ['--filter', filter, 'run', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 900_000,
  });
  console.log(`[e2e] built ${filter} ${script} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Builds the admin and the H5 build for this stack and stamps them (the browser pages need these two). */
export function buildWebApps(target: Stamp): void {
  mkdirSync(path.dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, '{}'); // a half-finished build is never mistaken for a finished one
  writeFileSync(WEAPP_STAMP, '{}');
  build('@tuoyu/admin', 'build', { VITE_SUPABASE_URL: target.url, VITE_SUPABASE_ANON_KEY: target.anonKey });
  build('@tuoyu/miniapp', 'build:h5', taroEnv(target));
  writeFileSync(STAMP, JSON.stringify(target));
}

/** Builds the weapp for this stack and stamps it; a failure is stamped too, so no test waits for it in vain. */
export function buildWeapp(target: Stamp): void {
  mkdirSync(path.dirname(WEAPP_STAMP), { recursive: true });
  writeFileSync(WEAPP_STAMP, '{}');
  try {
    build('@tuoyu/miniapp', 'build:weapp', taroEnv(target));
  } catch (error) {
    writeFileSync(WEAPP_STAMP, JSON.stringify({ failed: (error as Error).message } satisfies WeappStamp));
    throw error;
  }
  writeFileSync(WEAPP_STAMP, JSON.stringify(target));
}

/** All three builds, in turn (the e2e global setup, when nothing was built for this stack). */
export function buildApps(target: Stamp): void {
  buildWebApps(target);
  buildWeapp(target);
}

function taroEnv(target: Stamp): Record<string, string> {
  return { TARO_APP_SUPABASE_URL: target.url, TARO_APP_SUPABASE_ANON_KEY: target.anonKey };
}

function readStamp<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Whether miniapp/dist/weapp was built (completely) for this stack. */
export function weappBuiltFor(target: Stamp): boolean {
  const stamp = readStamp<WeappStamp>(WEAPP_STAMP);
  return stamp?.url === target.url && stamp.anonKey === target.anonKey;
}

/**
 * Waits until the weapp build `pnpm test` runs in the background (after the web apps) is stamped for
 * this stack; throws at once if it stamped a failure. The limit bounds a build that died unstamped.
 */
export async function waitForWeappBuild(target: Stamp, limitMs = 600_000): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    if (weappBuiltFor(target)) return;
    const failed = readStamp<WeappStamp>(WEAPP_STAMP)?.failed;
    if (failed) throw new Error(`the background weapp build failed (see ${BUILD_LOG}): ${failed}`);
    if (Date.now() > until) throw new Error(`the background weapp build was not stamped within ${limitMs / 1000} s (see ${BUILD_LOG})`);
    await delay(500);
  }
}

/** Marks the stamped build as used: a later run (say, vitest alone after editing app code) builds again. */
export function consumeStamp(): void {
  rmSync(STAMP, { force: true });
}

/** Whether the web apps' dists on disk were built (completely) for this stack. */
export function builtFor(target: Stamp): boolean {
  if (!existsSync(STAMP) || !DISTS.every((d) => existsSync(d))) return false;
  const stamp = readStamp<Partial<Stamp>>(STAMP);
  return stamp?.url === target.url && stamp.anonKey === target.anonKey;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const keys = await resolveKeys();
  const target = { url: `http://127.0.0.1:${E2E_STACK_PORT}`, anonKey: keys.anonKey };
  buildWebApps(target);
  console.log(WEB_APPS_READY);
  buildWeapp(target);
}
