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
  serve(...args: unknown[]): unknown;
}

type ServeHandler = (req: Request) => Response | Promise<Response>;
let served: ServeHandler[] | undefined;

/**
 * Import a function entry and return the handler it serves: its default export, or the handler it
 * passes to `Deno.serve()` (a Supabase entry such as `Deno.serve(handler)`). Imports run one at a
 * time so each `Deno.serve` call is attributed to the module being loaded.
 */
let importing: Promise<unknown> = Promise.resolve();
export function importServedHandler(load: () => Promise<{ default?: unknown }>): Promise<ServeHandler | undefined> {
  const next = importing.then(async () => {
    served = [];
    try {
      const mod = await load();
      if (typeof mod.default === 'function') return mod.default as ServeHandler;
      return served[0];
    } finally {
      served = undefined;
    }
  });
  importing = next.catch(() => undefined);
  return next;
}

/** `Deno.serve(handler)` / `Deno.serve(options, handler)` / `Deno.serve({ handler })`: recorded, never listening. */
function serveShim(...args: unknown[]): unknown {
  const fn = args.find((a): a is ServeHandler => typeof a === 'function') ?? (args[0] as { handler?: ServeHandler } | undefined)?.handler;
  if (!served) throw new Error('Deno.serve() is only supported while a function entry loads');
  if (typeof fn === 'function') served.push(fn);
  return { finished: Promise.resolve(), shutdown: async () => {}, ref() {}, unref() {}, addr: { transport: 'tcp', hostname: '127.0.0.1', port: 0 } };
}

/** Install `globalThis.Deno.env` (only when not running on Deno). */
export function installDenoEnvShim(): void {
  const g = globalThis as { Deno?: DenoEnvShim & { __localSupabaseShim?: true } };
  if (g.Deno && !g.Deno.__localSupabaseShim) return;
  g.Deno = {
    __localSupabaseShim: true,
    serve: serveShim,
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
