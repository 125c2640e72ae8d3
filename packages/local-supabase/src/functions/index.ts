/**
 * /functions/v1/<name> — runs `<workdir>/supabase/functions/<name>/index.ts`, whose default export
 * is `(req: Request) => Promise<Response>`, with the environment a Supabase function gets.
 * JWT verification is on by default, like `verify_jwt = true`; `[functions.<name>] verify_jwt = false`
 * in supabase/config.toml turns it off for one function.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import type { KeySet } from '../config.ts';
import { JwtError } from '../jwt.ts';
import type { Service } from '../gateway/app.ts';
import { json } from '../gateway/http.ts';
import { installDenoEnvShim, runWithEnv } from './env.ts';

export { getEnv, runWithEnv, installDenoEnvShim } from './env.ts';

export type FunctionHandler = (req: Request) => Promise<Response> | Response;

export interface FunctionsServiceOptions {
  functionsDir: string;
  keys: KeySet;
  /** The stack's public URL (SUPABASE_URL), read lazily. */
  publicUrl: () => string;
  /** SUPABASE_DB_URL, when the database is Postgres. */
  dbUrl?: string;
  env?: NodeJS.ProcessEnv;
  fetch: (req: Request) => Promise<Response>;
}

const NAME_RE = /^[A-Za-z0-9_-]+$/;
const ENTRY_FILES = ['index.ts', 'index.mts', 'index.js', 'index.mjs'];

/** `[functions.<name>] verify_jwt = false` sections of supabase/config.toml (a deliberately tiny reader). */
function verifyJwtOverrides(functionsDir: string): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const file = path.join(path.dirname(functionsDir), 'config.toml');
  if (!existsSync(file)) return out;
  let section = '';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const header = /^\s*\[functions\.("?)([A-Za-z0-9_-]+)\1\]\s*$/.exec(line);
    if (header) section = header[2]!;
    else if (/^\s*\[/.test(line)) section = '';
    const setting = /^\s*verify_jwt\s*=\s*(true|false)\s*(#.*)?$/.exec(line);
    if (section && setting) out.set(section, setting[1] === 'true');
  }
  return out;
}

/** `supabase/functions/.env`, as the Supabase CLI passes it to functions. */
function dotEnv(functionsDir: string): Record<string, string> {
  const file = path.join(functionsDir, '.env');
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (m) out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

export function createFunctionsService(options: FunctionsServiceOptions): Service {
  installDenoEnvShim();
  const cache = new Map<string, { mtimeMs: number; handler: Promise<FunctionHandler> }>();

  function entryOf(name: string): string | undefined {
    for (const file of ENTRY_FILES) {
      const full = path.join(options.functionsDir, name, file);
      if (existsSync(full)) return full;
    }
    return undefined;
  }

  async function load(name: string, file: string): Promise<FunctionHandler> {
    const mtimeMs = statSync(file).mtimeMs;
    const cached = cache.get(name);
    if (cached && cached.mtimeMs === mtimeMs) return cached.handler;
    // The mtime in the URL makes an edited file load afresh (dev reload) while unchanged ones stay cached.
    const handler = tsImport(`${pathToFileURL(file).href}?v=${mtimeMs}`, import.meta.url).then((mod: { default?: unknown }) => {
      const fn = mod.default;
      if (typeof fn !== 'function') throw new Error(`supabase/functions/${name}: the default export must be a (req: Request) => Promise<Response> function`);
      return fn as FunctionHandler;
    });
    cache.set(name, { mtimeMs, handler });
    handler.catch(() => cache.delete(name));
    return handler;
  }

  function environment(): Record<string, string> {
    const env: Record<string, string> = {
      ...dotEnv(options.functionsDir),
      SUPABASE_URL: options.publicUrl(),
      SUPABASE_ANON_KEY: options.keys.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: options.keys.serviceRoleKey,
      SUPABASE_JWT_SECRET: options.keys.jwtSecret,
    };
    if (options.dbUrl) env.SUPABASE_DB_URL = options.dbUrl;
    return env;
  }

  return async (req, subPath, ctx) => {
    const name = subPath.split('/')[1] ?? '';
    const file = NAME_RE.test(name) ? entryOf(name) : undefined;
    if (!file) return json({ code: 'NOT_FOUND', message: 'Requested function was not found' }, 404);

    if (verifyJwtOverrides(options.functionsDir).get(name) !== false) {
      const header = req.headers.get('authorization') ?? '';
      const token = /^bearer\s+/i.test(header) ? header.replace(/^bearer\s+/i, '').trim() : '';
      if (!token) return json({ code: 401, message: 'Missing authorization header' }, 401);
      try {
        await ctx.credentials.verify(token);
      } catch (error) {
        if (error instanceof JwtError) return json({ code: 401, message: 'Invalid JWT' }, 401);
        throw error;
      }
    }

    let handler: FunctionHandler;
    try {
      handler = await load(name, file);
    } catch (error) {
      console.error(`[local-supabase] function ${name} failed to load:`, error);
      return json({ code: 'BOOT_ERROR', message: 'Function failed to start (please check logs)' }, 503);
    }
    try {
      const res = await runWithEnv(environment(), () => handler(req));
      if (!(res instanceof Response)) throw new Error(`function ${name} did not return a Response`);
      return res;
    } catch (error) {
      console.error(`[local-supabase] function ${name} threw:`, error);
      return json({ code: 'FUNCTION_ERROR', message: error instanceof Error ? error.message : String(error) }, 500);
    }
  };
}
