/**
 * `<workdir>/supabase/config.toml` — the Supabase CLI's project file — read for the settings this
 * stack supports, so one file configures both. A folder without one gets the CLI's defaults.
 * Keys and defaults follow the CLI's template (`supabase init`); unknown keys are ignored, as the
 * other services' settings (studio, inbucket, realtime…) have nothing to configure here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';

export interface FunctionConfig {
  /** `verify_jwt` (default true). */
  verifyJwt: boolean;
  /** `entrypoint`, resolved against the supabase/ folder (default: `functions/<name>/index.ts`). */
  entrypoint?: string;
  /** `enabled` (default true): a disabled function answers 404. */
  enabled: boolean;
}

export interface ProjectConfig {
  /** The file read, or undefined when the folder has none (then every value is a default). */
  file: string | undefined;
  projectId: string | undefined;
  api: {
    /** `[api] schemas`: exposed schemas, the first is the default profile. */
    schemas: string[];
    /** `[api] extra_search_path`: appended to the request schema in every request's search_path. */
    extraSearchPath: string[];
    /** `[api] max_rows`: at most this many rows from a read or a function (db-max-rows). */
    maxRows: number;
    port: number;
  };
  auth: {
    siteUrl: string;
    jwtExpiry: number;
    enableSignup: boolean;
    minimumPasswordLength: number;
    refreshTokenReuseInterval: number;
    /** `[auth.email] enable_confirmations` (false: sign-ups are confirmed at once). */
    emailConfirmations: boolean;
  };
  storage: {
    /** `[storage] file_size_limit` in bytes. */
    fileSizeLimit: number;
  };
  db: {
    seed: { enabled: boolean; sqlPaths: string[] };
  };
  functions: Map<string, FunctionConfig>;
}

/** The Supabase CLI's defaults (its `supabase init` template). */
export const SUPABASE_DEFAULTS = {
  schemas: ['public', 'graphql_public'],
  extraSearchPath: ['public', 'extensions'],
  maxRows: 1000,
  apiPort: 54321,
  siteUrl: 'http://127.0.0.1:3000',
  jwtExpiry: 3600,
  fileSizeLimit: 50 * 1024 * 1024,
} as const;

export class ProjectConfigError extends Error {
  override readonly name = 'ProjectConfigError';
}

type Table = Record<string, unknown>;

const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** `"5MB"`, `"50MiB"`, `"500KB"`, `1024`: bytes. Units are binary, as the CLI reads them. */
export function parseSize(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$/i.exec(value);
    if (m) {
      const power = ['', 'k', 'm', 'g', 't'].indexOf(m[2]!.toLowerCase());
      return Math.floor(Number(m[1]) * 1024 ** power);
    }
  }
  throw new ProjectConfigError(`${where}: expected a size such as "50MiB", got ${JSON.stringify(value)}`);
}

/** Read `<workdir>/supabase/config.toml` (Supabase's defaults when absent). `env(NAME)` values are substituted. */
export function loadProjectConfig(workdir: string, env: NodeJS.ProcessEnv = process.env): ProjectConfig {
  const supabaseDir = path.join(path.resolve(workdir), 'supabase');
  const file = path.join(supabaseDir, 'config.toml');
  let root: Table = {};
  const exists = existsSync(file);
  if (exists) {
    try {
      root = parse(readFileSync(file, 'utf8')) as Table;
    } catch (error) {
      throw new ProjectConfigError(`${file}: ${(error as Error).message}`);
    }
  }
  const subst = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    const m = /^env\((\w+)\)$/.exec(v.trim());
    return m ? env[m[1]!] : v;
  };
  const section = (t: Table, key: string): Table => {
    const v = t[key];
    if (v === undefined) return {};
    if (!isTable(v)) throw new ProjectConfigError(`${file}: [${key}] must be a table`);
    return v;
  };
  const get = <T>(t: Table, key: string, where: string, check: (v: unknown) => v is T, fallback: T): T => {
    const v = subst(t[key]);
    if (v === undefined) return fallback;
    if (!check(v)) throw new ProjectConfigError(`${file}: ${where}.${key} has the wrong type (${JSON.stringify(v)})`);
    return v;
  };
  const isStr = (v: unknown): v is string => typeof v === 'string';
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

  const api = section(root, 'api');
  const auth = section(root, 'auth');
  const authEmail = section(auth, 'email');
  const storage = section(root, 'storage');
  const db = section(root, 'db');
  const seed = section(db, 'seed');
  const functionsTable = section(root, 'functions');

  const schemas = get(api, 'schemas', 'api', isStrList, [...SUPABASE_DEFAULTS.schemas]);
  if (schemas.length === 0) throw new ProjectConfigError(`${file}: api.schemas must name at least one schema`);

  const functions = new Map<string, FunctionConfig>();
  for (const [name, value] of Object.entries(functionsTable)) {
    if (!isTable(value)) throw new ProjectConfigError(`${file}: [functions.${name}] must be a table`);
    const entry = get(value, 'entrypoint', `functions.${name}`, isStr, '');
    functions.set(name, {
      verifyJwt: get(value, 'verify_jwt', `functions.${name}`, isBool, true),
      enabled: get(value, 'enabled', `functions.${name}`, isBool, true),
      ...(entry ? { entrypoint: path.resolve(supabaseDir, entry) } : {}),
    });
  }

  const fileSize = subst(storage.file_size_limit);
  return {
    file: exists ? file : undefined,
    projectId: get(root, 'project_id', 'project', isStr, '') || undefined,
    api: {
      schemas,
      extraSearchPath: get(api, 'extra_search_path', 'api', isStrList, [...SUPABASE_DEFAULTS.extraSearchPath]),
      maxRows: get(api, 'max_rows', 'api', isInt, SUPABASE_DEFAULTS.maxRows),
      port: get(api, 'port', 'api', isInt, SUPABASE_DEFAULTS.apiPort),
    },
    auth: {
      siteUrl: get(auth, 'site_url', 'auth', isStr, SUPABASE_DEFAULTS.siteUrl),
      jwtExpiry: get(auth, 'jwt_expiry', 'auth', isInt, SUPABASE_DEFAULTS.jwtExpiry),
      enableSignup: get(auth, 'enable_signup', 'auth', isBool, true),
      minimumPasswordLength: get(auth, 'minimum_password_length', 'auth', isInt, 6),
      refreshTokenReuseInterval: get(auth, 'refresh_token_reuse_interval', 'auth', isInt, 10),
      emailConfirmations: get(authEmail, 'enable_confirmations', 'auth.email', isBool, false),
    },
    storage: {
      fileSizeLimit: fileSize === undefined ? SUPABASE_DEFAULTS.fileSizeLimit : parseSize(fileSize, `${file}: storage.file_size_limit`),
    },
    db: {
      seed: {
        enabled: get(seed, 'enabled', 'db.seed', isBool, true),
        sqlPaths: get(seed, 'sql_paths', 'db.seed', isStrList, ['./seed.sql']).map((p) => path.resolve(supabaseDir, p)),
      },
    },
    functions,
  };
}
