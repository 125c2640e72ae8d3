/**
 * Builds the admin and the mini-program (H5 and weapp) for the browser tests against the e2e stack's
 * address (127.0.0.1:E2E_STACK_PORT) and key, and writes a stamp saying for which. `pnpm test` runs
 * this in the background while the integration tests run (the builds are independent of them), and
 * the e2e global setup skips building when the stamp matches; run alone, it is the same build the
 * global setup does.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { resolveKeys } from '@tuoyu/local-supabase';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';

export const E2E_STACK_PORT = Number(process.env.E2E_STACK_PORT || 54399);
const STAMP = path.join(REPO_ROOT, '.test-artifacts', 'e2e-build.json');
const DISTS = [path.join(REPO_ROOT, 'admin', 'dist'), path.join(REPO_ROOT, 'miniapp', 'dist', 'h5')];

type Stamp = { url: string; anonKey: string };

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

/** Builds both apps for this stack and stamps them. */
export function buildApps(target: Stamp): void {
  mkdirSync(path.dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, '{}'); // a half-finished build is never mistaken for a finished one
  build('@tuoyu/admin', 'build', { VITE_SUPABASE_URL: target.url, VITE_SUPABASE_ANON_KEY: target.anonKey });
  const taroEnv = { TARO_APP_SUPABASE_URL: target.url, TARO_APP_SUPABASE_ANON_KEY: target.anonKey };
  build('@tuoyu/miniapp', 'build:h5', taroEnv);
  build('@tuoyu/miniapp', 'build:weapp', taroEnv);
  writeFileSync(STAMP, JSON.stringify(target));
}

/** Marks the stamped build as used: a later run (say, vitest alone after editing app code) builds again. */
export function consumeStamp(): void {
  rmSync(STAMP, { force: true });
}

/** Whether the dists on disk were built (completely) for this stack. */
export function builtFor(target: Stamp): boolean {
  if (!existsSync(STAMP) || !DISTS.every((d) => existsSync(d))) return false;
  try {
    const stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as Partial<Stamp>;
    return stamp.url === target.url && stamp.anonKey === target.anonKey;
  } catch {
    return false;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const keys = await resolveKeys();
  buildApps({ url: `http://127.0.0.1:${E2E_STACK_PORT}`, anonKey: keys.anonKey });
}
