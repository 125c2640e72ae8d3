/**
 * Browser-test setup (runs once in Node): the local stack on PGlite with the demo seed, the apps
 * built against it, and static servers for the builds. Tests read the URLs with inject().
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalSupabase } from '@tuoyu/local-supabase';
import { createTestDatabase, REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';
import { startWechatStandIn } from '@tuoyu/wechat-stand-in';
import { serveStatic } from './static-server.ts';
import { buildApps, builtFor, consumeStamp, E2E_STACK_PORT, weappBuiltFor } from './build-apps.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    supabaseUrl: string;
    anonKey: string;
    serviceRoleKey: string;
    adminUrl: string;
    miniappUrl: string;
    /** The WeChat stand-in the stack's functions call (GET /__stand-in/messages lists what was sent). */
    wechatUrl: string;
    /**
     * miniapp/dist/weapp: 'ready' (built for this stack), 'background' (`pnpm test` is still building
     * it: tests/e2e/support/weapp-build.ts waits) or 'as-is' (E2E_SKIP_BUILD=1: whatever is there).
     */
    weappBuild: 'ready' | 'background' | 'as-is';
  }
}

export { E2E_STACK_PORT };

export default async function setup(project: TestProject) {
  // the functions (wechat-login, notices-drain) read WECHAT_* from the environment
  const wechat = await startWechatStandIn({ port: 0 });
  process.env.WECHAT_API_BASE = wechat.url;
  process.env.WECHAT_APP_ID = wechat.appId;
  process.env.WECHAT_APP_SECRET = wechat.secret;
  // invitation SMS / e-mail (notices-drain): the stand-in's outbound box
  process.env.MESSAGE_GATEWAY_URL = `${wechat.url}/__stand-in/outbound`;
  // The migrated, seeded demo database from the test snapshot (node_modules/.cache, made once per
  // schema and seed by whichever test asks first — in `pnpm test` usually the integration step, while
  // the apps build): the same database `seed: 'always'` would make, without migrating again.
  const demo = await createTestDatabase({ seed: true, kind: 'pglite' });
  const stack = await startLocalSupabase({ db: demo.db, port: E2E_STACK_PORT, seed: 'never', log: false });
  const adminDist = path.join(REPO_ROOT, 'admin', 'dist');
  const h5Dist = path.join(REPO_ROOT, 'miniapp', 'dist', 'h5');
  // E2E_SKIP_BUILD=1 reuses whatever is built; otherwise build unless `pnpm test` already built
  // the web apps for this stack in the background (tests/e2e/support/build-apps.ts, stamped) — its
  // weapp build may still be running then: the two weapp files wait for its stamp.
  const target = { url: stack.url, anonKey: stack.anonKey };
  const skip = process.env.E2E_SKIP_BUILD === '1';
  const reuse = skip ? existsSync(adminDist) && existsSync(h5Dist) : builtFor(target);
  if (!reuse) buildApps(target);
  else console.log('[e2e] using the apps already built for this stack');
  if (!skip) consumeStamp(); // the background build of `pnpm test` serves this run only
  const weappBuild = skip ? 'as-is' : !reuse || weappBuiltFor(target) ? 'ready' : 'background';
  const admin = await serveStatic(adminDist);
  const miniapp = await serveStatic(h5Dist);
  project.provide('supabaseUrl', stack.url);
  project.provide('anonKey', stack.anonKey);
  project.provide('serviceRoleKey', stack.serviceRoleKey);
  project.provide('adminUrl', admin.url);
  project.provide('miniappUrl', miniapp.url);
  project.provide('wechatUrl', wechat.url);
  project.provide('weappBuild', weappBuild);
  return async () => {
    await Promise.all([admin.close(), miniapp.close()]);
    await stack.stop();
    await demo.drop();
    await wechat.stop();
  };
}
