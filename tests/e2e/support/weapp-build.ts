/**
 * For the files that read miniapp/dist/weapp: in `pnpm test` the weapp is built in the background
 * while the browser tests run (tests/e2e/support/build-apps.ts); wait until it is stamped for this
 * stack. Otherwise (built by the global setup, or E2E_SKIP_BUILD=1) it is there already.
 */
import { beforeAll, inject } from 'vitest';
import { waitForWeappBuild } from './build-apps.ts';

/** Bounds a build that died without stamping; the wait ends as soon as the stamp is written. */
const WEAPP_BUILD_LIMIT_MS = 600_000;

export function weappBuildBeforeAll(): void {
  beforeAll(async () => {
    if (inject('weappBuild') !== 'background') return;
    await waitForWeappBuild({ url: inject('supabaseUrl'), anonKey: inject('anonKey') }, WEAPP_BUILD_LIMIT_MS);
  }, WEAPP_BUILD_LIMIT_MS + 10_000);
}
