/**
 * Browser-test setup (runs once in Node): the local stack on PGlite with the demo seed, the apps
 * built against it, and static servers for the builds. Tests read the URLs with inject().
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalSupabase } from '@tuoyu/local-supabase';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';
import { startWechatStandIn } from '@tuoyu/wechat-stand-in';
import { serveStatic } from './static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    supabaseUrl: string;
    anonKey: string;
    serviceRoleKey: string;
    adminUrl: string;
    miniappUrl: string;
    /** The WeChat stand-in the stack's functions call (GET /__stand-in/messages lists what was sent). */
    wechatUrl: string;
  }
}

export const E2E_STACK_PORT = Number(process.env.E2E_STACK_PORT || 54399);

function build(filter: string, script: string, env: Record<string, string>): void {
  const started = Date.now();
  execFileSync('pnpm', ['--filter', filter, 'run', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 600_000,
  });
  console.log(`[e2e] built ${filter} ${script} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export default async function setup(project: TestProject) {
  // the functions (wechat-login, notices-drain) read WECHAT_* from the environment
  const wechat = await startWechatStandIn({ port: 0 });
  process.env.WECHAT_API_BASE = wechat.url;
  process.env.WECHAT_APP_ID = wechat.appId;
  process.env.WECHAT_APP_SECRET = wechat.secret;
  const stack = await startLocalSupabase({ db: 'pglite', port: E2E_STACK_PORT, seed: 'always', log: false });
  const adminDist = path.join(REPO_ROOT, 'admin', 'dist');
  const h5Dist = path.join(REPO_ROOT, 'miniapp', 'dist', 'h5');
  if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(adminDist) || !existsSync(h5Dist)) {
    build('@tuoyu/admin', 'build', { VITE_SUPABASE_URL: stack.url, VITE_SUPABASE_ANON_KEY: stack.anonKey });
    const taroEnv = { TARO_APP_SUPABASE_URL: stack.url, TARO_APP_SUPABASE_ANON_KEY: stack.anonKey };
    build('@tuoyu/miniapp', 'build:h5', taroEnv);
    build('@tuoyu/miniapp', 'build:weapp', taroEnv);
  }
  const admin = await serveStatic(adminDist);
  const miniapp = await serveStatic(h5Dist);
  project.provide('supabaseUrl', stack.url);
  project.provide('anonKey', stack.anonKey);
  project.provide('serviceRoleKey', stack.serviceRoleKey);
  project.provide('adminUrl', admin.url);
  project.provide('miniappUrl', miniapp.url);
  project.provide('wechatUrl', wechat.url);
  return async () => {
    await Promise.all([admin.close(), miniapp.close()]);
    await stack.stop();
    await wechat.stop();
  };
}
