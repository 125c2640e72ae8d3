/**
 * The environment a Supabase Edge Function sees, per invocation, without touching process.env:
 * each call runs inside an AsyncLocalStorage scope, and a small `Deno.env` shim (installed on
 * globalThis when Deno is absent) reads that scope first, then process.env. So a handler written
 * for Supabase — `Deno.env.get('SUPABASE_URL')` — runs unchanged in Node, and two stacks in one
 * process (tests) never see each other's keys.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<Readonly<Record<string, string>>>();

/** Read a variable as the running function sees it. */
export function getEnv(name: string): string | undefined {
  return scope.getStore()?.[name] ?? process.env[name];
}

/** Run `fn` with `env` as the function environment. */
export function runWithEnv<T>(env: Readonly<Record<string, string>>, fn: () => T): T {
  return scope.run(env, fn);
}

interface DenoEnvShim {
  env: { get(name: string): string | undefined; has(name: string): boolean; toObject(): Record<string, string> };
}

/** Install `globalThis.Deno.env` (only when not running on Deno). */
export function installDenoEnvShim(): void {
  const g = globalThis as { Deno?: DenoEnvShim & { __localSupabaseShim?: true } };
  if (g.Deno && !g.Deno.__localSupabaseShim) return;
  g.Deno = {
    __localSupabaseShim: true,
    env: {
      get: getEnv,
      has: (name) => getEnv(name) !== undefined,
      toObject: () => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
        return { ...out, ...scope.getStore() };
      },
    },
  };
}
