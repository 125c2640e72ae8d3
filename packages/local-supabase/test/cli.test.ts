import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, REPO_ROOT, testDbKind, type TestDatabase } from '../src/testing.ts';
import { resolveKeys } from '../src/config.ts';
import { FIXTURE_PROJECT } from './support/stack.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

interface Status {
  running: boolean;
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  database: string;
}

/**
 * Each CLI run starts tsx and, for start/reset, migrates a database: seconds on a quiet machine,
 * minutes on a busy one. The limits only bound a hang; the tests wait for the CLI's own signals.
 */
const CLI_LIMIT_MS = 240_000;
const SLOW = { timeout: 2 * CLI_LIMIT_MS };

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [CLI, ...args], { encoding: 'utf8', timeout: CLI_LIMIT_MS, env: { ...process.env, DATABASE_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Resolves with the output so far once `pattern` appears; rejects if the process exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, limitMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const done = (error?: Error) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(output);
    };
    const onData = (d: Buffer) => {
      output += d.toString();
      if (pattern.test(output)) done();
    };
    const onExit = (code: number | null) => done(new Error(`the CLI exited (${code}) before printing ${pattern}:\n${output}`));
    const timer = setTimeout(() => done(new Error(`no ${pattern} from the CLI within ${limitMs / 1000} s:\n${output}`)), limitMs);
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

describe('CLI: pnpm local-supabase start | status --json | reset', () => {
  let dataDir: string;
  let testDb: TestDatabase | undefined;
  let dbSpec: string;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-cli-'));
    if (testDbKind() === 'postgres') {
      testDb = await createTestDatabase({ workdir: FIXTURE_PROJECT, migrate: false });
      await testDb.db.close().catch(() => {});
      dbSpec = testDb.url!;
    } else {
      dbSpec = `pglite:${path.join(dataDir, 'pglite')}`;
    }
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await testDb?.drop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });

  const common = () => ['--workdir', FIXTURE_PROJECT, '--data-dir', dataDir, '--db', dbSpec];

  it('reports running: false with the default URL and keys when nothing runs', SLOW, async () => {
    const r = cli(['status', '--json', ...common()]);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout) as Status;
    const keys = await resolveKeys({});
    expect(status).toMatchObject({ running: false, url: 'http://127.0.0.1:54321', anonKey: keys.anonKey, serviceRoleKey: keys.serviceRoleKey, database: testDbKind() });
  });

  it('starts on a project folder, reports itself in status --json, and stops cleanly on SIGTERM', SLOW, async () => {
    // Node with tsx's loader, not the tsx command: the command relays a signal to its child and,
    // when the child does not acknowledge it within 30 ms (a busy machine), kills it and exits 143 —
    // which would test tsx's relay instead of the CLI's own SIGTERM handling.
    child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', ...common(), '--port', '0', '--quiet'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '' },
    });
    // The ready banner is printed once the server listens and the state file is written.
    const output = await waitForOutput(child, /Ctrl-C stops/, CLI_LIMIT_MS);
    expect(output).toContain('API URL');
    expect(output).toContain('anon key');

    const status = JSON.parse(cli(['status', '--json', ...common()]).stdout) as Status;
    expect(status.running).toBe(true);
    expect(status.database).toBe(testDbKind());
    expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${status.url}/health`);
    expect(health.status).toBe(200);
    // The fixture project's migrations and seed were applied (first run).
    const settings = await fetch(`${status.url}/auth/v1/settings`, { headers: { apikey: status.anonKey } });
    expect(settings.status).toBe(200);
    const hello = await fetch(`${status.url}/functions/v1/hello`);
    expect(await hello.json()).toMatchObject({ message: '你好，世界' });

    // A second start on the same data folder is refused while the first runs.
    const second = cli(['start', ...common(), '--port', '0']);
    expect(second.code).toBe(1);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'local-supabase.json'))).toBe(false);
    expect(JSON.parse(cli(['status', '--json', ...common()]).stdout).running).toBe(false);
  });

  it('reset wipes data and stored files, then migrates and seeds again', SLOW, () => {
    const r = cli(['reset', ...common()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Reset (pglite|postgres).*1 migrations applied, seed loaded/);
  });
});
