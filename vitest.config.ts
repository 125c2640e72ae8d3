import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './tests/support/sequencer.ts';

// One config, several projects; scripts/test.mjs runs each project as its own step
// (integration twice: on PGlite and on real Postgres 15).
//
// Limits are generous on purpose: tests wait for readiness signals (a line, /health, an element),
// and a limit only bounds a real hang. The suite must pass on a busy 2-core machine
// (`pnpm test:under-load`); `expect.poll` defaults to 1 s, far too short there.
const POLL = { timeout: 30_000, interval: 100 };
export default defineConfig({
  test: {
    // the longest integration files first, also in a fresh clone (no durations cached)
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'admin-unit',
          include: ['admin/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          // pure helpers of the mini-program (no Taro runtime): taroFetch, polyfills, routes, env
          name: 'miniapp-unit',
          include: ['miniapp/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/local-supabase/test/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/rls/**/*.test.ts'],
          exclude: ['packages/local-supabase/test/unit/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          expect: { poll: POLL },
          maxWorkers: 2,
          // Each worker imports the stack, supabase-js and the rest once for all its files instead of
          // once per file (~1 s of CPU a file). Files share only modules: each opens its own database
          // and stack and closes them in afterAll, and one that sets process.env puts it back
          // (tests/support/env.ts).
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          expect: { poll: POLL },
          fileParallelism: false,
          // one worker runs the files in turn: it imports playwright and the page objects once
          // instead of once per file (each file still launches its own browser)
          isolate: false,
        },
      },
    ],
  },
});
