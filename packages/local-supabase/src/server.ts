import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { openDatabase } from './db/index.ts';
import type { Database } from './db/types.ts';
import { DEFAULT_PORT, resolveKeys } from './config.ts';
import { prepareDatabase, projectPaths } from './project.ts';
import { loadProjectConfig, type ProjectConfig } from './project-config.ts';
import { createRestHandler, restSettingsFromEnv } from './rest/index.ts';
import { DEFAULT_LIMITS, createGateway, type GatewayLimits, type Service } from './gateway/app.ts';
import { createAuthService, type AuthConfig } from './auth/index.ts';
import { createStorageService } from './storage/index.ts';
import { writeDemoBodies } from './storage/demo-bodies.ts';
import { createFunctionsService } from './functions/index.ts';
import { parseStatementTimeouts, useStatementTimeouts, type StatementTimeouts } from './statement-timeouts.ts';
import { resolveMessages, type Messages } from './messages.ts';

export interface LocalSupabaseOptions {
  /** The project folder holding `supabase/{migrations,seed.sql,functions}` (default: cwd). */
  workdir?: string;
  /** `pglite` (memory), `pglite:DIR`, `postgres://…`, or an open Database (then the caller closes it). */
  db?: string | Database;
  /** 0 = any free port (default 54321). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where PGlite data and storage bytes live (default `<workdir>/.data`). */
  dataDir?: string;
  /** Seed policy for prepareDatabase (default first-run). */
  seed?: 'first-run' | 'always' | 'never';
  /** One log line per request (true = stdout, or a function receiving each line). */
  log?: boolean | ((line: string) => void);
  /** Environment for keys and settings (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** GoTrue settings (JWT expiry, throttling, refresh-token reuse interval…). */
  auth?: Partial<AuthConfig>;
  /** Delivers GET /auth/v1/reauthenticate's one-time code (GoTrue e-mails it; default: the console). */
  sendReauthenticationCode?: (email: string, code: string) => void | Promise<void>;
  /** Request size limits. */
  limits?: Partial<GatewayLimits>;
  /**
   * Statement timeout per API role in ms (null = none), over the roles' own settings in the
   * database (bootstrap gives anon 3 s and authenticated 8 s, as Supabase); else
   * LOCAL_SUPABASE_STATEMENT_TIMEOUTS="anon=3s,authenticated=8s".
   */
  statementTimeouts?: StatementTimeouts;
  /**
   * Texts for people (gateway and REST 413/414/503/404 messages), over
   * `<workdir>/supabase/local-supabase.messages.json` when present; defaults are English.
   */
  messages?: Partial<Messages>;
  /** Storage settings (else LOCAL_SUPABASE_SIGNED_URL_MAX_AGE). */
  storage?: { signedUrlMaxAge?: number };
}

export interface LocalSupabase {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
  db: Database;
  /** Where storage keeps object bytes. */
  storageDir: string;
  /** In-process handler (no sockets); accepts what global fetch accepts. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** Open the database, bootstrap/migrate/seed it, and serve the Supabase APIs over HTTP. */
export async function startLocalSupabase(options: LocalSupabaseOptions = {}): Promise<LocalSupabase> {
  const env = options.env ?? process.env;
  const paths = projectPaths(options.workdir ?? process.cwd());
  // supabase/config.toml (Supabase's defaults without one): API schemas and max rows, JWT expiry,
  // storage size limit, function entrypoints. Explicit options and the environment win over it.
  const project = loadProjectConfig(paths.workdir, env);
  const dataDir = path.resolve(options.dataDir ?? path.join(paths.workdir, '.data'));
  const spec = options.db ?? `pglite:${path.join(dataDir, 'pglite')}`;
  const ownsDb = typeof spec === 'string';
  const db = typeof spec === 'string' ? await openDatabase(spec) : spec;
  const cleanups: Array<() => Promise<void>> = [];
  try {
    await prepareDatabase(db, paths, { seed: options.seed ?? 'first-run' });
    useStatementTimeouts(db, { ...parseStatementTimeouts(env.LOCAL_SUPABASE_STATEMENT_TIMEOUTS), ...options.statementTimeouts });
    const keys = await resolveKeys(env);

    // Bytes go beside the data unless the database is throwaway (in memory, or handed to us by a test).
    let storageDir: string;
    if (options.dataDir || (typeof spec === 'string' && spec !== 'pglite' && spec !== 'memory')) {
      storageDir = path.join(dataDir, 'storage');
    } else {
      storageDir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-storage-'));
      cleanups.push(() => rm(storageDir, { recursive: true, force: true }));
    }

    // Demo objects the seed describes get real small files (storage/demo-bodies.ts).
    await writeDemoBodies(db, storageDir);

    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? DEFAULT_PORT;
    // The URL is known only after listen (port 0); services read it lazily.
    let url = `http://${host}:${port}`;
    const publicUrl = () => url;

    const limits = { ...DEFAULT_LIMITS, maxUploadBytes: project.storage.fileSizeLimit, ...options.limits };
    const messages = await resolveMessages(paths.workdir, options.messages);
    const rest = createRestHandler({
      db,
      maxBodyBytes: limits.maxBodyBytes,
      schemas: project.api.schemas,
      extraSearchPath: project.api.extraSearchPath,
      maxRows: project.api.maxRows,
      ...restSettingsFromEnv(env),
      messages,
    });
    // The REST engine LISTENs for `NOTIFY pgrst` on its own connection: release it before the database closes.
    cleanups.push(() => rest.close());
    const auth = createAuthService({
      db,
      keys,
      publicUrl,
      env,
      config: { ...authFromProject(project, env), ...options.auth },
      ...(options.sendReauthenticationCode ? { sendReauthenticationCode: options.sendReauthenticationCode } : {}),
    });
    const storage = createStorageService({
      db,
      keys,
      storageDir,
      maxUploadBytes: limits.maxUploadBytes,
      signedUrlMaxAge: options.storage?.signedUrlMaxAge ?? positiveNumber(env.LOCAL_SUPABASE_SIGNED_URL_MAX_AGE, 'LOCAL_SUPABASE_SIGNED_URL_MAX_AGE'),
    });
    let gatewayFetch: (req: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
    const functions: Service = createFunctionsService({
      functionsDir: paths.functionsDir,
      functionConfig: project.functions,
      keys,
      publicUrl,
      dbUrl: db.kind === 'postgres' && typeof spec === 'string' ? spec : undefined,
      env,
      fetch: (req) => gatewayFetch(req),
    });
    const gateway = createGateway({ db, keys, rest, auth, storage, functions, limits, log: options.log, messages });
    gatewayFetch = gateway.fetch;

    const server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: gateway.app.fetch, port, hostname: host, overrideGlobalObjects: false }, () => resolve(s as Server)) as Server;
      s.once('error', reject);
    });
    const address = server.address() as AddressInfo;
    url = `http://${host}:${address.port}`;

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        gateway.drain();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Finish what is in flight (bounded), then let go of everything.
        const deadline = Date.now() + 10_000;
        while (gateway.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        server.closeAllConnections();
        await closed;
        for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
        if (ownsDb) await db.close();
      })());

    return {
      url,
      anonKey: keys.anonKey,
      serviceRoleKey: keys.serviceRoleKey,
      jwtSecret: keys.jwtSecret,
      db,
      storageDir,
      fetch: (input, init) => gateway.fetch(input instanceof Request && !init ? input : new Request(absolute(input, url), init)),
      stop,
    };
  } catch (error) {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    if (ownsDb) await db.close().catch(() => {});
    throw error;
  }
}

/** config.toml's auth settings, for those the environment does not set (GOTRUE_* wins, as on the CLI's containers). */
function authFromProject(project: ProjectConfig, env: NodeJS.ProcessEnv): Partial<AuthConfig> {
  const out: Partial<AuthConfig> = {};
  const a = project.auth;
  if (!(env.GOTRUE_JWT_EXP || env.JWT_EXPIRY)) out.jwtExpiry = a.jwtExpiry;
  if (!env.GOTRUE_DISABLE_SIGNUP) out.disableSignup = !a.enableSignup;
  if (!env.GOTRUE_PASSWORD_MIN_LENGTH) out.minPasswordLength = a.minimumPasswordLength;
  if (!env.GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL) out.refreshTokenReuseInterval = a.refreshTokenReuseInterval;
  if (!env.GOTRUE_MAILER_AUTOCONFIRM) out.autoconfirm = !a.emailConfirmations;
  return out;
}

function absolute(input: Request | string | URL, base: string): Request | string {
  if (input instanceof Request) return input;
  return new URL(String(input), base).toString();
}

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
  return n;
}
