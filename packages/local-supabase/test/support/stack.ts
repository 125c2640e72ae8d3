import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { startLocalSupabase, type LocalSupabase, type LocalSupabaseOptions } from '../../src/server.ts';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../../src/testing.ts';

/** A small Supabase project folder (migrations, seed, functions) the tests serve with --workdir semantics. */
export const FIXTURE_PROJECT = fileURLToPath(new URL('../fixtures/project', import.meta.url));

export interface TestStack extends LocalSupabase {
  testDb: TestDatabase;
  /** A supabase-js client over real HTTP (no session persistence). */
  client(key?: string): SupabaseClient;
  /** A supabase-js client calling the stack in-process (its fetch, no socket). */
  inProcessClient(key?: string): SupabaseClient;
  close(): Promise<void>;
}

/** A fresh database of the TEST_DB kind, served by startLocalSupabase on an ephemeral port. */
export async function startTestStack(options: Omit<LocalSupabaseOptions, 'db' | 'port'> & { seed?: 'always' | 'never' } = {}): Promise<TestStack> {
  const workdir = options.workdir ?? FIXTURE_PROJECT;
  const testDb = await createTestDatabase({ workdir, seed: options.seed === 'always' });
  const stack = await startLocalSupabase({ seed: 'never', ...options, workdir, db: testDb.db, port: 0 });
  const make = (key: string, fetchImpl?: typeof fetch) =>
    createClient(stack.url, key, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
      ...(fetchImpl ? { global: { fetch: fetchImpl } } : {}),
    });
  return {
    ...stack,
    testDb,
    client: (key = stack.anonKey) => make(key),
    inProcessClient: (key = stack.anonKey) => make(key, ((input: RequestInfo | URL, init?: RequestInit) => stack.fetch(input instanceof Request ? input : String(input), init)) as typeof fetch),
    async close() {
      await stack.stop();
      await testDb.drop();
    },
  };
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.test`;
}
