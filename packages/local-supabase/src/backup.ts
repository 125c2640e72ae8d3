/**
 * Backup and restore of a project's data: every table's rows (public, auth, storage, private and any
 * other schema the project made), every sequence, and the stored files' bytes — in one gzip'd
 * file that works for both databases.
 *
 * Why a logical dump done here, not PGlite's `dumpDataDir` or pg_dump: one format for PGlite and
 * Postgres (a county can move its laptop's data to a server and back), no Postgres binaries needed
 * on the laptop, no dependence on PGlite's on-disk version, and the stored files travel with the
 * rows that point at them. The schema itself is not in the file: it is rebuilt from this
 * checkout's migrations up to the backup's schema version, the rows are loaded, then any newer
 * migrations run — so an old backup restores into a newer checkout, and a file from a newer schema
 * is refused before anything is touched.
 *
 * File: gzip'd JSON lines —
 *   {"format":"tuoyu-backup","formatVersion":1,"createdAt",…,"migrations":[…]}   header
 *   {"table":"public.x","columns":[…],"rows":[[text|null,…],…]}                      ≤ 1,000 rows a line
 *   {"sequence":"public.s","lastValue":"12","isCalled":true}
 *   {"file":"bucket/path","size":n,"sha256":"…"} then {"chunk":"<base64>"} …        stored bytes
 *   {"end":true,"rows":n,"files":n,"lines":n}                                         a truncated file has none
 * Values are Postgres's own text form of each column (what `COPY` writes), cast back with the
 * column's type on restore, so every type round-trips exactly.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database, Queryable } from './db/types.ts';
import { applyBootstrap, applyMigrations, listMigrations } from './project.ts';

export const BACKUP_FORMAT = 'tuoyu-backup';
export const BACKUP_FORMAT_VERSION = 1;
const ROWS_PER_LINE = 1000;
const FILE_CHUNK_BYTES = 512 * 1024;
/** Filled by migrations (and the bootstrap), not by people: never dumped, never truncated. */
const SKIPPED_SCHEMAS = ['pg_catalog', 'information_schema', 'supabase_migrations'];

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  source: { kind: 'pglite' | 'postgres'; location: string };
  /** The last applied migration's version (null for a database without migrations). */
  schemaVersion: string | null;
  /** Every applied migration's version, in order. */
  migrations: string[];
}

export interface BackupSummary {
  header: BackupHeader;
  tables: number;
  rows: number;
  sequences: number;
  files: number;
  bytes: number;
}

/** The backup file is missing, damaged, or not usable with this checkout. `message` is for people (Chinese). */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

interface TableInfo {
  schema: string;
  name: string;
  columns: { name: string; type: string; generated: boolean }[];
  identityAlways: boolean;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;

/** Tables holding the project's data: every ordinary table outside the system schemas and extensions. */
async function listTables(q: Queryable): Promise<TableInfo[]> {
  const { rows } = await q.query<{ schema: string; name: string; columns: { name: string; type: string; generated: boolean; identity: string }[] }>(
    `select n.nspname as schema, c.relname as name,
            (select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                                               'generated', a.attgenerated <> '', 'identity', a.attidentity) order by a.attnum)
               from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r'
        and n.nspname <> all ($1::text[]) and n.nspname not like 'pg\\_%'
        and not exists (select 1 from pg_depend d
                         where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
      order by 1, 2`,
    [SKIPPED_SCHEMAS],
  );
  return rows.map((r) => ({
    schema: r.schema,
    name: r.name,
    columns: (r.columns ?? []).map((c) => ({ name: c.name, type: c.type, generated: c.generated })),
    identityAlways: (r.columns ?? []).some((c) => c.identity === 'a'),
  }));
}

async function listSequences(q: Queryable): Promise<{ schema: string; name: string }[]> {
  const { rows } = await q.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'S'
        and n.nspname <> all ($1::text[]) and n.nspname not like 'pg\\_%'
        and not exists (select 1 from pg_depend d
                         where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
      order by 1, 2`,
    [SKIPPED_SCHEMAS],
  );
  return rows;
}

async function appliedMigrations(q: Queryable): Promise<string[]> {
  const exists = await q.query<{ ok: boolean }>(`select to_regclass('supabase_migrations.schema_migrations') is not null as ok`);
  if (!exists.rows[0]?.ok) return [];
  const { rows } = await q.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version');
  return rows.map((r) => r.version);
}

async function* walk(dir: string, prefix = ''): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(path.join(dir, entry.name), rel);
    else if (entry.isFile()) yield rel;
  }
}

/**
 * Write a backup of `db` (and the stored files under `storageDir`) to `file`: one consistent
 * snapshot (a repeatable-read, read-only transaction), written to `<file>.partial` and renamed when
 * complete, so a file with the final name is always whole.
 */
export async function writeBackup(db: Database, file: string, options: { storageDir?: string } = {}): Promise<BackupSummary> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  const summary = { tables: 0, rows: 0, sequences: 0, files: 0, bytes: 0 };
  let header: BackupHeader | undefined;
  const storageDir = options.storageDir;

  async function* lines(): AsyncGenerator<string> {
    let count = 0;
    const line = (value: unknown) => {
      count++;
      return `${JSON.stringify(value)}\n`;
    };
    const pending: string[] = [];
    await db.tx(async (q) => {
      await q.query('set transaction isolation level repeatable read, read only');
      const migrations = await appliedMigrations(q);
      header = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        source: { kind: db.kind, location: db.location },
        schemaVersion: migrations.at(-1) ?? null,
        migrations,
      };
      pending.push(line(header));
      for (const table of await listTables(q)) {
        const columns = table.columns.filter((c) => !c.generated);
        const select = columns.length
          ? `select json_build_array(${columns.map((c) => `${ident(c.name)}::text`).join(', ')}) as r from ${qualified(table.schema, table.name)}`
          : `select json_build_array() as r from ${qualified(table.schema, table.name)}`;
        const { rows } = await q.query<{ r: (string | null)[] }>(select);
        summary.tables++;
        summary.rows += rows.length;
        const name = `${table.schema}.${table.name}`;
        const cols = columns.map((c) => c.name);
        if (rows.length === 0) pending.push(line({ table: name, columns: cols, rows: [] }));
        for (let i = 0; i < rows.length; i += ROWS_PER_LINE) {
          pending.push(line({ table: name, columns: cols, rows: rows.slice(i, i + ROWS_PER_LINE).map((r) => r.r) }));
        }
      }
      for (const seq of await listSequences(q)) {
        const { rows } = await q.query<{ last_value: string; is_called: boolean }>(
          `select last_value::text as last_value, is_called from ${qualified(seq.schema, seq.name)}`,
        );
        summary.sequences++;
        pending.push(line({ sequence: `${seq.schema}.${seq.name}`, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called }));
      }
    });
    yield* pending;
    if (storageDir && existsSync(storageDir)) {
      for await (const rel of walk(storageDir)) {
        const bytes = await readFile(path.join(storageDir, rel));
        summary.files++;
        summary.bytes += bytes.length;
        yield line({ file: rel, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
        for (let i = 0; i < bytes.length; i += FILE_CHUNK_BYTES) {
          yield line({ chunk: bytes.subarray(i, i + FILE_CHUNK_BYTES).toString('base64') });
        }
      }
    }
    yield line({ end: true, rows: summary.rows, files: summary.files, lines: count + 1 });
  }

  try {
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { header: header!, ...summary };
}

type Line =
  | BackupHeader
  | { table: string; columns: string[]; rows: (string | null)[][] }
  | { sequence: string; lastValue: string; isCalled: boolean }
  | { file: string; size: number; sha256: string }
  | { chunk: string }
  | { end: true; rows: number; files: number; lines: number };

/** Every line of a backup file, parsed; a damaged or truncated file throws a BackupError. */
async function* readLines(file: string): AsyncGenerator<Line> {
  if (!existsSync(file)) throw new BackupError(`找不到备份文件：${file}`);
  const input = createReadStream(file).pipe(createGunzip());
  const damaged = (why: string) => new BackupError(`备份文件已损坏或不完整，不能恢复：${file}（${why}）`);
  let n = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      n++;
      let value: Line;
      try {
        value = JSON.parse(text) as Line;
      } catch {
        throw damaged(`第 ${n} 行不是有效的 JSON`);
      }
      yield value;
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw damaged((error as Error).message);
  }
}

/**
 * Read the whole file once without touching any database: the header, counts, every file's
 * checksum and the end marker must all be right. Restore calls this before it changes anything.
 */
export async function verifyBackup(file: string): Promise<BackupSummary> {
  const damaged = (why: string) => new BackupError(`备份文件已损坏或不完整，不能恢复：${file}（${why}）`);
  let header: BackupHeader | undefined;
  const summary = { tables: new Set<string>(), rows: 0, sequences: 0, files: 0, bytes: 0 };
  let current: { size: number; sha256: string; hash: ReturnType<typeof createHash>; got: number; name: string } | undefined;
  let lines = 0;
  let ended = false;
  const closeFile = () => {
    if (!current) return;
    if (current.got !== current.size || current.hash.digest('hex') !== current.sha256) throw damaged(`文件 ${current.name} 的内容与校验值不符`);
    current = undefined;
  };
  for await (const line of readLines(file)) {
    lines++;
    if (ended) throw damaged('结束标记之后还有内容');
    if (lines === 1) {
      const h = line as BackupHeader;
      if (h.format !== BACKUP_FORMAT) throw new BackupError(`${file} 不是托育一件事的备份文件（缺少 "${BACKUP_FORMAT}" 标记）`);
      if (h.formatVersion > BACKUP_FORMAT_VERSION) {
        throw new BackupError(`备份文件格式版本 ${h.formatVersion} 比本程序支持的 ${BACKUP_FORMAT_VERSION} 新：请先更新代码（git pull）再恢复。`);
      }
      header = h;
      continue;
    }
    if ('chunk' in line) {
      if (!current) throw damaged('文件内容缺少文件头');
      const bytes = Buffer.from(line.chunk, 'base64');
      current.hash.update(bytes);
      current.got += bytes.length;
      continue;
    }
    closeFile();
    if ('table' in line) {
      summary.tables.add(line.table);
      summary.rows += line.rows.length;
    } else if ('sequence' in line) {
      summary.sequences++;
    } else if ('file' in line) {
      summary.files++;
      summary.bytes += line.size;
      current = { size: line.size, sha256: line.sha256, hash: createHash('sha256'), got: 0, name: line.file };
    } else if ('end' in line) {
      if (line.rows !== summary.rows || line.files !== summary.files || line.lines !== lines) throw damaged('行数与结束标记不符');
      ended = true;
    } else {
      throw damaged(`第 ${lines} 行无法识别`);
    }
  }
  if (!header) throw damaged('文件是空的');
  if (!ended) throw damaged('缺少结束标记，文件被截断了');
  return { header, tables: summary.tables.size, rows: summary.rows, sequences: summary.sequences, files: summary.files, bytes: summary.bytes };
}

/**
 * Refuse a backup whose schema this checkout cannot rebuild: a migration this checkout lacks (a newer
 * schema) or a different history. Returns the checkout's migration versions.
 */
export async function checkSchemaVersion(header: BackupHeader, migrationsDir: string): Promise<string[]> {
  const mine = (await listMigrations(migrationsDir)).map((m) => m.version);
  const unknown = header.migrations.filter((v) => !mine.includes(v));
  if (unknown.length) {
    throw new BackupError(
      `备份来自更新的数据库结构（版本 ${header.schemaVersion}），本检出的迁移只到 ${mine.at(-1) ?? '（无）'}，缺少 ${unknown.join('、')}。` +
        '请先更新代码（git pull）再恢复；没有做任何修改。',
    );
  }
  const prefix = mine.slice(0, header.migrations.length);
  if (prefix.join() !== header.migrations.join()) {
    throw new BackupError(`备份的迁移历史与本检出不一致（备份：${header.migrations.join('、')}），不能恢复；没有做任何修改。`);
  }
  return mine;
}

/**
 * Restore a verified backup into an EMPTY database (a fresh PGlite folder, or a wiped Postgres
 * database) and its stored files into an empty `storageDir`: bootstrap, migrations up to the
 * backup's version, every row and sequence in one transaction (triggers and foreign-key checks off
 * while loading, as pg_restore does, so audit triggers do not fire twice), then newer migrations.
 */
export async function restoreBackup(
  db: Database,
  file: string,
  options: { migrationsDir: string; storageDir?: string },
): Promise<BackupSummary> {
  const summary = await verifyBackup(file);
  const { header } = summary;
  await checkSchemaVersion(header, options.migrationsDir);
  await applyBootstrap(db);
  if ((await appliedMigrations(db)).length) throw new BackupError('恢复的目标数据库不是空的（已有迁移记录）。');
  await applyMigrations(db, options.migrationsDir, { upTo: header.schemaVersion ?? '' });

  await db.tx(async (q) => {
    await q.query(`set local session_replication_role = replica`);
    const tables = await listTables(q);
    const byName = new Map(tables.map((t) => [`${t.schema}.${t.name}`, t]));
    // Migrations may have inserted rows (reference data): the backup's rows replace them.
    if (tables.length) await q.exec(`truncate ${tables.map((t) => qualified(t.schema, t.name)).join(', ')}`);
    for await (const line of readLines(file)) {
      if ('table' in line) {
        const table = byName.get(line.table);
        if (!table) throw new BackupError(`备份中的表 ${line.table} 在迁移后的数据库里不存在，不能恢复。`);
        if (!line.rows.length) continue;
        const types = line.columns.map((name) => {
          const column = table.columns.find((c) => c.name === name && !c.generated);
          if (!column) throw new BackupError(`备份中的列 ${line.table}.${name} 在迁移后的数据库里不存在，不能恢复。`);
          return column.type;
        });
        const sql =
          `insert into ${qualified(table.schema, table.name)} (${line.columns.map(ident).join(', ')})` +
          `${table.identityAlways ? ' overriding system value' : ''} ` +
          `select ${types.map((type, i) => `(r->>${i})::${type}`).join(', ')} from json_array_elements($1::json) as r`;
        await q.query(sql, [JSON.stringify(line.rows)]);
      } else if ('sequence' in line) {
        const [schema, ...rest] = line.sequence.split('.');
        await q.query(`select setval($1::regclass, $2::bigint, $3)`, [qualified(schema!, rest.join('.')), line.lastValue, line.isCalled]);
      }
    }
  });

  if (options.storageDir) {
    await mkdir(options.storageDir, { recursive: true });
    let out: ReturnType<typeof createWriteStream> | undefined;
    const finish = async () => {
      if (!out) return;
      const stream = out;
      out = undefined;
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    };
    for await (const line of readLines(file)) {
      if ('file' in line) {
        await finish();
        const target = path.resolve(options.storageDir, line.file);
        if (!target.startsWith(path.resolve(options.storageDir) + path.sep)) throw new BackupError(`备份中的文件路径不安全：${line.file}`);
        await mkdir(path.dirname(target), { recursive: true });
        out = createWriteStream(target);
      } else if ('chunk' in line && out) {
        const stream = out;
        if (!stream.write(Buffer.from(line.chunk, 'base64'))) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
      }
    }
    await finish();
  }
  // Newer migrations of this checkout run on the restored rows, as they would have on the original.
  await applyMigrations(db, options.migrationsDir);
  await db.query(`select pg_notify('pgrst', 'reload schema')`);
  return summary;
}

/** `<dataDir>/backups/<prefix>-<kind>-YYYYMMDD-HHMMSS.jsonl.gz` (local time, as people read it). */
export function defaultBackupFile(dataDir: string, kind: string, options: { prefix?: string; now?: Date } = {}): string {
  const now = options.now ?? new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return path.join(dataDir, 'backups', `${options.prefix ?? 'tuoyu-backup'}-${kind}-${stamp}.jsonl.gz`);
}

export async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size;
}
