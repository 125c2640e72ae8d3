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

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DATABASE_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
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

  it('reports running: false with the default URL and keys when nothing runs', async () => {
    const r = cli(['status', '--json', ...common()]);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout) as Status;
    const keys = await resolveKeys({});
    expect(status).toMatchObject({ running: false, url: 'http://127.0.0.1:54321', anonKey: keys.anonKey, serviceRoleKey: keys.serviceRoleKey, database: testDbKind() });
  });

  it('starts on a project folder, reports itself in status --json, and stops cleanly on SIGTERM', async () => {
    child = spawn(TSX, [CLI, 'start', ...common(), '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 120_000;
    while (!/API URL/.test(output) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
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
    // A fresh PGlite folder runs initdb, migrations and the seed: minutes on a loaded 2-core machine.
  }, 240_000);

  it('reset wipes data and stored files, then migrates and seeds again', () => {
    const r = cli(['reset', ...common()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Reset (pglite|postgres).*1 migrations applied, seed loaded/);
  }, 240_000);
});
