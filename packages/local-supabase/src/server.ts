import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer, serve } from '@hono/node-server';
import { openDatabase } from './db/index.ts';
import type { Database } from './db/types.ts';
import { DEFAULT_PORT, resolveKeys, type KeySet } from './config.ts';
import { prepareDatabase, projectPaths, type ProjectPaths } from './project.ts';
import { loadProjectConfig, type ProjectConfig } from './project-config.ts';
import { createRestHandler, restSettingsFromEnv } from './rest/index.ts';
import { DEFAULT_LIMITS, createGateway, type Gateway, type GatewayLimits, type Service } from './gateway/app.ts';
import { createAuthService, type AuthConfig } from './auth/index.ts';
import { createStorageService } from './storage/index.ts';
import { writeDemoBodies } from './storage/demo-bodies.ts';
import { createFunctionsService } from './functions/index.ts';
import { parseStatementTimeouts, useStatementTimeouts, type StatementTimeouts } from './statement-timeouts.ts';
import { resolveMessages, type Messages } from './messages.ts';

/** node:http's createServer with the gateway's own `/rest/v1` listener ahead of Hono's. */
function restFirst(gateway: Gateway): typeof createServer {
  return ((options: ServerOptions, listener: RequestListener) =>
    createServer(options, (incoming, outgoing) => {
      if (!gateway.serveNode(incoming, outgoing)) void listener(incoming, outgoing);
    })) as unknown as typeof createServer;
}

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
  /**
   * Serving processes in the Postgres mode (`db` a `postgres://` URL): this process plus
   * `workers - 1` forked ones accepting on the same port, each with its own pool; failed-login
   * counters then live in the database (`auth.login_throttle`). `'auto'` = the available cores.
   * Else LOCAL_SUPABASE_WORKERS; default 1. PGlite (and an open Database) always serve from one process.
   */
  workers?: number | 'auto';
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

    const workers = db.kind === 'postgres' && typeof spec === 'string' ? resolveWorkers(options.workers ?? env.LOCAL_SUPABASE_WORKERS) : 1;
    const limits = { ...DEFAULT_LIMITS, maxUploadBytes: project.storage.fileSizeLimit, ...options.limits };
    const messages = await resolveMessages(paths.workdir, options.messages);
    const settings: ServingSettings = {
      workdir: paths.workdir,
      dbUrl: typeof spec === 'string' ? spec : undefined,
      env: { ...env },
      keys,
      storageDir,
      limits,
      messages,
      auth: options.auth ?? {},
      statementTimeouts: options.statementTimeouts ?? {},
      signedUrlMaxAge: options.storage?.signedUrlMaxAge,
      sharedThrottle: workers > 1,
    };
    const { gateway, cleanups: serviceCleanups } = buildServices(db, paths, settings, publicUrl, {
      log: options.log,
      sendReauthenticationCode: options.sendReauthenticationCode,
    });
    cleanups.push(...serviceCleanups);

    const server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: gateway.app.fetch, port, hostname: host, overrideGlobalObjects: false, createServer: restFirst(gateway) }, () => resolve(s as Server)) as Server;
      s.once('error', reject);
    });
    const address = server.address() as AddressInfo;
    url = `http://${host}:${address.port}`;
    settings.publicUrl = url;
    // Extra serving processes accept on the same listening socket (the kernel spreads connections).
    const children = workers > 1 ? await forkWorkers(workers - 1, server, settings, options) : [];

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        gateway.drain();
        const childrenGone = Promise.all(children.map(stopWorker));
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Finish what is in flight (bounded), then let go of everything.
        const deadline = Date.now() + 10_000;
        while (gateway.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        server.closeAllConnections();
        await closed;
        await childrenGone;
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

/** What a serving process needs besides the database (plain data: it crosses to forked workers). */
interface ServingSettings {
  workdir: string;
  dbUrl: string | undefined;
  env: NodeJS.ProcessEnv;
  keys: KeySet;
  storageDir: string;
  limits: GatewayLimits;
  messages: Messages;
  auth: Partial<AuthConfig>;
  statementTimeouts: StatementTimeouts;
  signedUrlMaxAge: number | undefined;
  sharedThrottle: boolean;
  publicUrl?: string;
}

interface Hooks {
  log?: LocalSupabaseOptions['log'];
  sendReauthenticationCode?: LocalSupabaseOptions['sendReauthenticationCode'];
}

/** REST, auth, storage and functions behind one gateway, over `db`. */
function buildServices(db: Database, paths: ProjectPaths, s: ServingSettings, publicUrl: () => string, hooks: Hooks): { gateway: Gateway; cleanups: Array<() => Promise<void>> } {
  const env = s.env;
  const project = loadProjectConfig(paths.workdir, env);
  const cleanups: Array<() => Promise<void>> = [];
  const rest = createRestHandler({
    db,
    maxBodyBytes: s.limits.maxBodyBytes,
    schemas: project.api.schemas,
    extraSearchPath: project.api.extraSearchPath,
    maxRows: project.api.maxRows,
    ...restSettingsFromEnv(env),
    messages: s.messages,
  });
  // The REST engine LISTENs for `NOTIFY pgrst` on its own connection: release it before the database closes.
  cleanups.push(() => rest.close());
  const auth = createAuthService({
    db,
    keys: s.keys,
    publicUrl,
    env,
    config: { ...authFromProject(project, env), ...s.auth },
    sharedThrottle: s.sharedThrottle,
    ...(hooks.sendReauthenticationCode ? { sendReauthenticationCode: hooks.sendReauthenticationCode } : {}),
  });
  const storage = createStorageService({
    db,
    keys: s.keys,
    storageDir: s.storageDir,
    maxUploadBytes: s.limits.maxUploadBytes,
    signedUrlMaxAge: s.signedUrlMaxAge ?? positiveNumber(env.LOCAL_SUPABASE_SIGNED_URL_MAX_AGE, 'LOCAL_SUPABASE_SIGNED_URL_MAX_AGE'),
  });
  let gatewayFetch: (req: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  const functions: Service = createFunctionsService({
    functionsDir: paths.functionsDir,
    functionConfig: project.functions,
    keys: s.keys,
    publicUrl,
    dbUrl: db.kind === 'postgres' ? s.dbUrl : undefined,
    env,
    fetch: (req) => gatewayFetch(req),
  });
  const gateway = createGateway({ db, keys: s.keys, rest, auth, storage, functions, limits: s.limits, log: hooks.log, messages: s.messages });
  gatewayFetch = gateway.fetch;
  return { gateway, cleanups };
}

function resolveWorkers(value: number | string | undefined): number {
  if (value === undefined || value === '') return 1;
  if (value === 'auto') return Math.max(1, os.availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`workers must be a positive integer or "auto", got "${value}"`);
  return n;
}

const WORKER_FILE = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Messages between the primary and a serving worker. */
type ToWorker = { type: 'start'; settings: ServingSettings; log: 'none' | 'stdout' | 'forward'; forwardCodes: boolean } | { type: 'stop' };
type FromWorker = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'log'; line: string } | { type: 'code'; email: string; code: string } | { type: 'stopped' };

/** Fork `count` serving processes that accept on `server`'s socket; resolves once every one serves. */
async function forkWorkers(count: number, server: Server, settings: ServingSettings, options: LocalSupabaseOptions): Promise<ChildProcess[]> {
  // The workers run the TypeScript sources as this process does (tsx), whatever loaded this one.
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--inspect') && !a.startsWith('--cpu-prof'));
  if (!execArgv.some((a) => a.includes('tsx'))) execArgv.push('--import', import.meta.resolve('tsx'));
  const children: ChildProcess[] = [];
  const start: ToWorker = {
    type: 'start',
    settings,
    log: typeof options.log === 'function' ? 'forward' : options.log ? 'stdout' : 'none',
    forwardCodes: !!options.sendReauthenticationCode,
  };
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const child = fork(WORKER_FILE, [], { execArgv, env: settings.env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        children.push(child);
        child.on('message', (m: FromWorker) => {
          if (m.type === 'log' && typeof options.log === 'function') options.log(m.line);
          else if (m.type === 'code') void Promise.resolve(options.sendReauthenticationCode?.(m.email, m.code)).catch((e: unknown) => console.error('[local-supabase]', e));
        });
        return new Promise<void>((resolve, reject) => {
          const onMessage = (m: FromWorker) => {
            if (m.type === 'ready') done(resolve);
            else if (m.type === 'failed') done(() => reject(new Error(`serving worker failed to start: ${m.message}`)));
          };
          const onExit = (code: number | null) => done(() => reject(new Error(`serving worker exited (${code}) before serving`)));
          const done = (fn: () => void) => {
            child.off('message', onMessage);
            child.off('exit', onExit);
            fn();
          };
          child.on('message', onMessage);
          child.once('exit', onExit);
          child.send(start, server as unknown as NetServer);
        });
      }),
    );
  } catch (error) {
    await Promise.all(children.map(stopWorker));
    throw error;
  }
  return children;
}

/** Ask a worker to finish what it serves and exit; kill it if it has not within 15 s. */
function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: 'stop' } satisfies ToWorker);
    else child.kill('SIGTERM');
  });
}

/** The forked side (worker.ts): serve on the primary's socket until told to stop or orphaned. */
export function runServingWorker(): void {
  let stop: (() => Promise<void>) | undefined;
  const send = (m: FromWorker) => {
    if (process.connected) process.send!(m);
  };
  process.on('disconnect', () => void (stop ? stop() : Promise.resolve()).finally(() => process.exit(0)));
  process.on('message', (m: ToWorker, handle?: NetServer) => {
    if (m.type === 'stop') {
      void (stop ? stop() : Promise.resolve()).finally(() => {
        send({ type: 'stopped' });
        process.exit(0);
      });
      return;
    }
    if (m.type !== 'start' || !handle) return;
    void (async () => {
      const s = m.settings;
      const db = await openDatabase(s.dbUrl!);
      const paths = projectPaths(s.workdir);
      useStatementTimeouts(db, { ...parseStatementTimeouts(s.env.LOCAL_SUPABASE_STATEMENT_TIMEOUTS), ...s.statementTimeouts });
      const { gateway, cleanups } = buildServices(db, paths, s, () => s.publicUrl!, {
        log: m.log === 'forward' ? (line) => send({ type: 'log', line }) : m.log === 'stdout',
        ...(m.forwardCodes ? { sendReauthenticationCode: (email: string, code: string) => send({ type: 'code', email, code }) } : {}),
      });
      const server = createAdaptorServer({ fetch: gateway.app.fetch, overrideGlobalObjects: false, createServer: restFirst(gateway) }) as Server;
      handle.on('connection', (socket: Socket) => server.emit('connection', socket));
      stop = async () => {
        gateway.drain();
        handle.close();
        server.closeIdleConnections();
        const deadline = Date.now() + 10_000;
        while (gateway.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        server.closeAllConnections();
        for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
        await db.close().catch(() => {});
      };
      send({ type: 'ready' });
    })().catch((error: unknown) => {
      send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    });
  });
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
