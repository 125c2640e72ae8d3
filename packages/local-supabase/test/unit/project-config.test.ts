import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProjectConfig, parseSize, ProjectConfigError } from '../../src/project-config.ts';
import { projectPaths } from '../../src/project.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dirs: string[] = [];
function project(toml?: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'project-config-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'supabase'), { recursive: true });
  if (toml !== undefined) writeFileSync(path.join(dir, 'supabase', 'config.toml'), toml);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'supabase', name)), { recursive: true });
    writeFileSync(path.join(dir, 'supabase', name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Keys of the Supabase CLI's config (its `supabase init` template) that our file may use, per table. */
const CLI_KEYS: Record<string, string[]> = {
  '': ['project_id', 'api', 'db', 'auth', 'storage', 'functions', 'realtime', 'studio', 'inbucket', 'edge_runtime', 'analytics'],
  api: ['enabled', 'port', 'schemas', 'extra_search_path', 'max_rows', 'tls'],
  db: ['port', 'shadow_port', 'major_version', 'pooler', 'migrations', 'seed', 'network_restrictions'],
  'db.seed': ['enabled', 'sql_paths'],
  auth: [
    'enabled', 'site_url', 'additional_redirect_urls', 'jwt_expiry', 'enable_refresh_token_rotation', 'refresh_token_reuse_interval',
    'enable_signup', 'enable_anonymous_sign_ins', 'enable_manual_linking', 'minimum_password_length', 'password_requirements',
    'email', 'sms', 'rate_limit', 'mfa', 'external', 'sessions', 'hook', 'captcha', 'third_party',
  ],
  'auth.email': ['enable_signup', 'double_confirm_changes', 'enable_confirmations', 'secure_password_change', 'max_frequency', 'otp_length', 'otp_expiry'],
  storage: ['enabled', 'file_size_limit', 'buckets', 'image_transformation'],
};

describe('supabase/config.toml', () => {
  it('a folder without one gets the Supabase CLI defaults', () => {
    const config = loadProjectConfig(project());
    expect(config.file).toBeUndefined();
    expect(config.api).toEqual({ schemas: ['public', 'graphql_public'], extraSearchPath: ['public', 'extensions'], maxRows: 1000, port: 54321 });
    expect(config.auth.jwtExpiry).toBe(3600);
    expect(config.storage.fileSizeLimit).toBe(50 * 1024 * 1024);
    expect(config.functions.size).toBe(0);
  });

  it("the project's own file uses only the CLI's keys and sets what the local stack reads", () => {
    const file = path.join(REPO_ROOT, 'supabase', 'config.toml');
    const tree = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const walk = (table: Record<string, unknown>, at: string) => {
      const allowed = CLI_KEYS[at];
      if (!allowed) return;
      for (const [key, value] of Object.entries(table)) {
        expect(allowed, `${at || '(top)'}.${key}`).toContain(key);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) walk(value as Record<string, unknown>, at ? `${at}.${key}` : key);
      }
    };
    walk(tree, '');
    const config = loadProjectConfig(REPO_ROOT);
    expect(config.projectId).toBe('tuoyu');
    expect(config.api.schemas[0]).toBe('public');
    expect(config.api.extraSearchPath).toContain('extensions');
    expect(config.api.maxRows).toBe(1000);
    expect(config.auth.jwtExpiry).toBe(3600);
    expect(config.storage.fileSizeLimit).toBe(50 * 1024 * 1024);
    const seeds = projectPaths(REPO_ROOT).seedFiles;
    expect(seeds[0]).toBe(path.join(REPO_ROOT, 'supabase', 'seed.sql'));
    expect(seeds.slice(1).map((f) => path.relative(path.join(REPO_ROOT, 'supabase'), f))).toEqual(
      expect.arrayContaining(['seeds/10_oversight.sql', 'seeds/20_content.sql', 'seeds/30_families.sql']),
    );
  });

  it('reads functions, seed paths (with * in the name), env() values and sizes; wrong types are refused', () => {
    const dir = project(
      `[api]\nschemas = ["api", "public"]\nmax_rows = 50\n[auth]\njwt_expiry = 900\nsite_url = "env(SITE)"\n[storage]\nfile_size_limit = "5MB"\n` +
        `[db.seed]\nsql_paths = ["./seeds/*.sql", "./extra.sql"]\n[functions.hello]\nverify_jwt = false\nentrypoint = "./functions/hello/deno.ts"\n`,
      { 'seeds/02_b.sql': '', 'seeds/01_a.sql': '', 'seeds/readme.txt': '' },
    );
    const config = loadProjectConfig(dir, { SITE: 'https://tuoyu.example' });
    expect(config.api.schemas).toEqual(['api', 'public']);
    expect(config.api.maxRows).toBe(50);
    expect(config.auth).toMatchObject({ jwtExpiry: 900, siteUrl: 'https://tuoyu.example' });
    expect(config.storage.fileSizeLimit).toBe(5 * 1024 * 1024);
    expect(config.functions.get('hello')).toEqual({ verifyJwt: false, enabled: true, entrypoint: path.join(dir, 'supabase', 'functions', 'hello', 'deno.ts') });
    expect(projectPaths(dir).seedFiles.map((f) => path.relative(path.join(dir, 'supabase'), f))).toEqual(['seeds/01_a.sql', 'seeds/02_b.sql', 'extra.sql']);
    expect(projectPaths(project('[db.seed]\nenabled = false\n')).seedFiles).toEqual([]);

    expect(() => loadProjectConfig(project('[api]\nmax_rows = "many"\n'))).toThrow(ProjectConfigError);
    expect(() => loadProjectConfig(project('[api]\nschemas = []\n'))).toThrow(/at least one schema/);
    expect(() => loadProjectConfig(project('[api\n'))).toThrow(ProjectConfigError);
    expect([parseSize('50MiB', 'x'), parseSize('500KB', 'x'), parseSize('1 GiB', 'x'), parseSize(2048, 'x')]).toEqual([52428800, 512000, 1073741824, 2048]);
    expect(() => parseSize('lots', 'x')).toThrow(ProjectConfigError);
  });
});
