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
import { importServedHandler, installDenoEnvShim, runWithEnv } from './env.ts';
import { loadProjectConfig, type FunctionConfig } from '../project-config.ts';

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
  /** `[functions.<name>]` of supabase/config.toml (default: read from the folder above functionsDir). */
  functionConfig?: Map<string, FunctionConfig>;
}

const NAME_RE = /^[A-Za-z0-9_-]+$/;
const ENTRY_FILES = ['index.ts', 'index.mts', 'index.js', 'index.mjs'];

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

  const functionConfig = options.functionConfig ?? loadProjectConfig(path.dirname(path.dirname(options.functionsDir)), options.env).functions;

  function entryOf(name: string): string | undefined {
    const configured = functionConfig.get(name);
    if (configured?.enabled === false) return undefined;
    if (configured?.entrypoint) return existsSync(configured.entrypoint) ? configured.entrypoint : undefined;
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
    const handler = importServedHandler(() => tsImport(`${pathToFileURL(file).href}?v=${mtimeMs}`, import.meta.url) as Promise<{ default?: unknown }>).then((fn) => {
      if (typeof fn !== 'function') throw new Error(`supabase/functions/${name}: the entry must default-export a (req: Request) => Promise<Response> function or call Deno.serve(handler)`);
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

    if (functionConfig.get(name)?.verifyJwt !== false) {
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
