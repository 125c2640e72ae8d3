/**
 * Backup and restore (src/backup.ts, `pnpm db:backup` / `pnpm db:restore`) on the database TEST_DB
 * names: the seeded project database (every schema: public, auth, storage) plus stored files is
 * backed up, restored into a fresh folder / database, and compared table by table, sequence by
 * sequence, file by file — with an oracle written here, not the module's own table list. Then the
 * refusals: a file from a newer schema, a missing, truncated or damaged file, and a running stack.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, restoreBackup, verifyBackup, writeBackup } from '../src/backup.ts';
import { openDatabase, openPglite, type Database } from '../src/db/index.ts';
import { applyBootstrap, applyMigrations, listMigrations, projectPaths } from '../src/project.ts';
import { createTestDatabase, emptyPgliteCluster, REPO_ROOT, testDbKind, type TestDatabase } from '../src/testing.ts';
import { FIXTURE_PROJECT } from './support/stack.ts';

const MIGRATIONS = projectPaths(REPO_ROOT).migrationsDir;
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
/** Loading ~6,000 rows and 11 migrations twice is slow on a busy 2-core machine: generous, not tight. */
const SLOW = { timeout: 300_000 };

/** Independent oracle: every ordinary table outside the system schemas, with its rows as sorted JSON text. */
async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const { rows: tables } = await db.query<{ t: string }>(
    `select format('%I.%I', n.nspname, c.relname) as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
      order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { t } of tables) {
    const { rows } = await db.query<{ j: string }>(`select to_jsonb(x)::text as j from ${t} x`);
    out[t] = rows.map((r) => r.j).sort();
  }
  const { rows: seqs } = await db.query<{ s: string }>(
    `select format('%I.%I', schemaname, sequencename) as s from pg_sequences where schemaname not like 'pg\\_%' order by 1`,
  );
  for (const { s } of seqs) {
    const { rows } = await db.query<{ v: string }>(`select last_value::text || '/' || is_called::text as v from ${s}`);
    out[`sequence ${s}`] = rows.map((r) => r.v);
  }
  return out;
}

async function filesUnder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = (await readFile(full)).toString('base64');
  }
  return out;
}

/** Rewrite a backup file's lines (decompressed), e.g. to forge a header or drop the end marker. */
function rewrite(file: string, to: string, edit: (lines: string[]) => string[]): void {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
  writeFileSync(to, gzipSync(`${edit(lines).join('\n')}\n`));
}

describe(`backup → restore into a fresh ${testDbKind()} database: every table, sequence and stored file`, () => {
  let dir: string;
  let source: TestDatabase;
  let backupFile: string;
  const sourceStorage = () => path.join(dir, 'storage-source');
  const targets: TestDatabase[] = [];

  /**
   * A fresh, empty database of the TEST_DB kind (PGlite: a new data folder holding a new cluster,
   * copied from the one initdb made for the test run; the CLI tests below restore into a folder
   * that PGlite initialises itself).
   */
  async function freshTarget(name: string): Promise<{ db: Database; reopen(): Promise<Database> }> {
    if (testDbKind() === 'pglite') {
      const folder = path.join(dir, name);
      await cp(await emptyPgliteCluster(), folder, { recursive: true });
      return { db: await openPglite({ dataDir: folder }), reopen: () => openPglite({ dataDir: folder }) };
    }
    const t = await createTestDatabase({ migrate: false });
    targets.push(t);
    return { db: t.db, reopen: async () => t.db };
  }

  /**
   * One fresh database for the refusals (a newer schema, a damaged file): each refusal must leave
   * it untouched, which each test checks, so they can share it (one database made, not two).
   */
  let untouched: Promise<Database> | undefined;
  const refusalTarget = () => (untouched ??= freshTarget('refusals').then((t) => t.db));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-backup-'));
    source = await createTestDatabase({ seed: true });
    // Values that break naive dumps: quotes, backslashes, newlines, tabs, emoji, JSON inside JSON, nulls.
    await source.db.query(
      `update auth.users set raw_user_meta_data = raw_user_meta_data || $1::jsonb
        where id = (select id from auth.users order by email limit 1)`,
      [JSON.stringify({ note: `引号"和\\反斜杠\n换行\t制表 😀 'single'`, nested: { a: [1, '2', null, { b: [] }] }, empty: '' })],
    );
    await mkdir(path.join(sourceStorage(), 'filing-materials', '370830', 'a b'), { recursive: true });
    // 1.5 MB crosses the 512 KiB chunk boundary; a name with a space and Chinese.
    await writeFile(path.join(sourceStorage(), 'filing-materials', '370830', 'a b', '消防证明.pdf'), randomBytes(1_536_000));
    await writeFile(path.join(sourceStorage(), 'filing-materials', 'empty.png'), Buffer.alloc(0));
    backupFile = path.join(dir, 'backups', 'seeded.jsonl.gz');
  }, SLOW.timeout);

  afterAll(async () => {
    // (Postgres: dropping the targets below closes it)
    if (untouched && testDbKind() === 'pglite') await (await untouched).close().catch(() => {});
    await source?.drop().catch(() => {});
    for (const t of targets) await t.drop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a backup that records the schema version and counts everything', SLOW, async () => {
    const summary = await writeBackup(source.db, backupFile, { storageDir: sourceStorage() });
    const { rows } = await source.db.query<{ version: string }>('select max(version) as version from supabase_migrations.schema_migrations');
    expect(summary.header.schemaVersion).toBe(rows[0]!.version);
    expect(summary.files).toBe(2);
    expect(summary.rows).toBeGreaterThan(1000);
    expect(existsSync(`${backupFile}.partial`)).toBe(false);
    expect(await verifyBackup(backupFile)).toEqual(summary);
  });

  it('restores into a fresh database: every table (public, auth, storage…) and sequence equal, files byte for byte', SLOW, async () => {
    const target = await freshTarget('restored');
    const restoredStorage = path.join(dir, 'storage-restored');
    await restoreBackup(target.db, backupFile, { migrationsDir: MIGRATIONS, storageDir: restoredStorage });
    await target.db.close().catch(() => {});
    const reopened = testDbKind() === 'pglite' ? await target.reopen() : await openDatabase(targets.at(-1)!.url!);
    try {
      const [before, after] = [await snapshot(source.db), await snapshot(reopened)];
      // The oracle saw the schemas that matter, with rows in them.
      for (const table of ['auth.users', 'auth.identities', 'storage.buckets', 'storage.objects', 'public.filings', 'public.audit_log', 'public.regions']) {
        expect(before[table]?.length, table).toBeGreaterThan(0);
      }
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    } finally {
      await reopened.close();
    }
    expect(await filesUnder(restoredStorage)).toEqual(await filesUnder(sourceStorage()));
  });

  it('restores a backup from an older schema (an update since the backup), then runs the newer migrations', SLOW, async () => {
    const versions = (await listMigrations(MIGRATIONS)).map((m) => m.version);
    const older = await freshTarget('older-source');
    const olderFile = path.join(dir, 'older.jsonl.gz');
    try {
      await applyBootstrap(older.db);
      // Only the first migration (cheaper than all but one; the restore runs the other ten).
      await applyMigrations(older.db, MIGRATIONS, { upTo: versions[0]! });
      const summary = await writeBackup(older.db, olderFile);
      expect(summary.header.schemaVersion).toBe(versions[0]);
      expect(summary.header.migrations).toEqual([versions[0]]);
    } finally {
      await older.db.close().catch(() => {});
    }
    const target = await freshTarget('older-restored');
    try {
      await restoreBackup(target.db, olderFile, { migrationsDir: MIGRATIONS });
      const { rows } = await target.db.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version');
      expect(rows.map((r) => r.version)).toEqual(versions);
    } finally {
      await target.db.close().catch(() => {});
    }
  });

  it('refuses a file from a newer schema before touching the target', SLOW, async () => {
    const newer = path.join(dir, 'newer.jsonl.gz');
    rewrite(backupFile, newer, ([header, ...rest]) => {
      const h = JSON.parse(header!) as { migrations: string[]; schemaVersion: string };
      h.migrations.push('29991231000000');
      h.schemaVersion = '29991231000000';
      return [JSON.stringify(h), ...rest];
    });
    const target = await refusalTarget();
    await expect(restoreBackup(target, newer, { migrationsDir: MIGRATIONS })).rejects.toThrow(
      /备份来自更新的数据库结构（版本 29991231000000）.*缺少 29991231000000.*请先更新代码/,
    );
    const { rows } = await target.query<{ ok: boolean }>(`select to_regclass('supabase_migrations.schema_migrations') is null as ok`);
    expect(rows[0]!.ok).toBe(true);
  });

  it('refuses a missing, truncated, cut-short or damaged file with a clear message', SLOW, async () => {
    await expect(verifyBackup(path.join(dir, 'nope.jsonl.gz'))).rejects.toThrow(/找不到备份文件/);

    const truncated = path.join(dir, 'truncated.jsonl.gz');
    const bytes = readFileSync(backupFile);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(verifyBackup(truncated)).rejects.toThrow(BackupError);
    await expect(verifyBackup(truncated)).rejects.toThrow(/备份文件已损坏或不完整/);

    const noEnd = path.join(dir, 'no-end.jsonl.gz');
    rewrite(backupFile, noEnd, (lines) => lines.slice(0, -1));
    await expect(verifyBackup(noEnd)).rejects.toThrow(/缺少结束标记/);

    const flipped = path.join(dir, 'flipped.jsonl.gz');
    rewrite(backupFile, flipped, (lines) =>
      lines.map((l) => (l.startsWith('{"chunk"') ? l.replace(/"chunk":"(.)/, (_m, c: string) => `"chunk":"${c === 'A' ? 'B' : 'A'}`) : l)),
    );
    await expect(verifyBackup(flipped)).rejects.toThrow(/校验值不符/);

    const notGzip = path.join(dir, 'plain.txt');
    writeFileSync(notGzip, 'hello');
    await expect(verifyBackup(notGzip)).rejects.toThrow(/备份文件已损坏或不完整/);

    const target = await refusalTarget();
    await expect(restoreBackup(target, noEnd, { migrationsDir: MIGRATIONS })).rejects.toThrow(/缺少结束标记/);
    const { rows } = await target.query<{ ok: boolean }>(`select to_regclass('supabase_migrations.schema_migrations') is null as ok`);
    expect(rows[0]!.ok).toBe(true);
  });
});

describe(`pnpm db:backup / db:restore (CLI) on ${testDbKind()}`, () => {
  let dataDir: string;
  let testDb: TestDatabase | undefined;
  let dbSpec: string;

  function cli(args: string[], target = { dataDir: '', dbSpec: '' }): { code: number | null; out: string } {
    const r = spawnSync(TSX, [CLI, ...args, '--workdir', FIXTURE_PROJECT, '--data-dir', target.dataDir || dataDir, '--db', target.dbSpec || dbSpec], {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, DATABASE_URL: '', INIT_CWD: dataDir },
    });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  }

  async function items(): Promise<string[]> {
    const db = await openDatabase(dbSpec);
    try {
      return (await db.query<{ name: string }>('select name from public.fixture_items order by id')).rows.map((r) => r.name);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-supabase-backup-cli-'));
    if (testDbKind() === 'postgres') {
      testDb = await createTestDatabase({ workdir: FIXTURE_PROJECT, migrate: false });
      await testDb.db.close().catch(() => {});
      dbSpec = testDb.url!;
    } else {
      dbSpec = `pglite:${path.join(dataDir, 'pglite')}`;
    }
    const reset = cli(['reset']);
    expect(reset.code, reset.out).toBe(0);
  }, SLOW.timeout);

  afterAll(async () => {
    await testDb?.drop().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });

  it('backs up to a relative FILE, restores it over changed data, and keeps the data it replaced', SLOW, async () => {
    await mkdir(path.join(dataDir, 'storage', 'docs'), { recursive: true });
    await writeFile(path.join(dataDir, 'storage', 'docs', 'a.txt'), '备份前');
    const backup = cli(['backup', 'drill.jsonl.gz']);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/Backup written .*drill\.jsonl\.gz/);
    expect(backup.out).toMatch(/schema version +\d{14} \(1 migrations\)/);
    expect(existsSync(path.join(dataDir, 'drill.jsonl.gz'))).toBe(true);
    // The same name again is not overwritten.
    expect(cli(['backup', 'drill.jsonl.gz']).code).toBe(1);

    // Changes after the backup: a row and a file.
    const db = await openDatabase(dbSpec);
    await db.query(`insert into public.fixture_items (id, name) values (3, '备份后')`);
    await db.close();
    await writeFile(path.join(dataDir, 'storage', 'docs', 'a.txt'), '备份后');

    const restore = cli(['restore', 'drill.jsonl.gz']);
    expect(restore.code, restore.out).toBe(0);
    expect(await items()).toEqual(['样例一', '样例二']);
    expect(await readFile(path.join(dataDir, 'storage', 'docs', 'a.txt'), 'utf8')).toBe('备份前');
    // What was replaced is kept in a backup of its own.
    const saved = (await readdir(path.join(dataDir, 'backups'))).filter((f) => f.startsWith('before-restore-'));
    expect(saved).toHaveLength(1);
    expect(restore.out).toContain(saved[0]);
  });

  it('restores into a folder / database that was never prepared (a new laptop or server)', SLOW, async () => {
    const fresh = { dataDir: path.join(dataDir, 'new-machine'), dbSpec: '' };
    let empty: TestDatabase | undefined;
    if (testDbKind() === 'postgres') {
      empty = await createTestDatabase({ workdir: FIXTURE_PROJECT, migrate: false });
      await empty.db.close().catch(() => {});
      fresh.dbSpec = empty.url!;
    } else {
      fresh.dbSpec = `pglite:${path.join(fresh.dataDir, 'pglite')}`;
    }
    try {
      const restore = cli(['restore', path.join(dataDir, 'drill.jsonl.gz')], fresh);
      expect(restore.code, restore.out).toBe(0);
      expect(restore.out).not.toContain('before-restore');
      const db = await openDatabase(fresh.dbSpec);
      try {
        expect((await db.query<{ name: string }>('select name from public.fixture_items order by id')).rows.map((r) => r.name)).toEqual(['样例一', '样例二']);
      } finally {
        await db.close();
      }
      expect(await readFile(path.join(fresh.dataDir, 'storage', 'docs', 'a.txt'), 'utf8')).toBe('备份前');
    } finally {
      await empty?.drop().catch(() => {});
    }
  });

  it('refuses while the database is in use by another process, and changes nothing', SLOW, async () => {
    // PGlite: this process holds the folder lock; Postgres: this process holds a session.
    const holder = await openDatabase(dbSpec);
    try {
      await holder.query('select 1');
      const restore = cli(['restore', 'drill.jsonl.gz']);
      expect(restore.code).toBe(1);
      expect(restore.out).toMatch(testDbKind() === 'pglite' ? /already open in process \d+/ : /其他连接.*请先停止它们再恢复；没有做任何修改/);
      if (testDbKind() === 'postgres') expect((await holder.query<{ n: number }>('select count(*)::int as n from public.fixture_items')).rows[0]!.n).toBe(2);
    } finally {
      await holder.close();
    }
    expect(await items()).toEqual(['样例一', '样例二']);
  });

  it('refuses while a stack started with the CLI runs on the data folder', SLOW, async () => {
    // The state file `start` writes, naming a live process (this one).
    await writeFile(
      path.join(dataDir, 'local-supabase.json'),
      JSON.stringify({ pid: process.pid, url: 'http://127.0.0.1:1', database: testDbKind(), location: dbSpec }),
    );
    try {
      const restore = cli(['restore', 'drill.jsonl.gz']);
      expect(restore.code).toBe(1);
      expect(restore.out).toMatch(/本地 Supabase 正在运行（进程 \d+.*请先停止它再恢复/);
    } finally {
      await rm(path.join(dataDir, 'local-supabase.json'), { force: true });
    }
    const missing = cli(['restore', 'nope.jsonl.gz']);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('找不到备份文件');
  });
});
