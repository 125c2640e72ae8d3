/**
 * The statistics screen's data: `region_indicators(region_code, year[, sub_regions])` for the
 * figures, the trend and the ranking, and the rows behind a figure (the registry timeline,
 * classes, staff) straight from the tables, which RLS limits to the admin's scope.
 */
import {
  CERTIFICATE_TYPE_LABELS, CLASS_TYPE_LABELS, HISTORY_CAUSE_LABELS, INDICATORS, INSTITUTION_STAFF_ROLE_LABELS, INSTITUTION_STATUS_LABELS,
  type IndicatorDrill, type IndicatorInfo, type RegionLevel,
} from '@tuoyu/domain';
import type { RpcRow } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type Indicators = RpcRow<'region_indicators'>;
export type Region = { code: string; level: RegionLevel; name: string };

/** First year the screen offers (the demo registry's timeline starts in 2020). */
export const FIRST_YEAR = 2020;

export function yearsUpTo(year: number, count = 5): number[] {
  return Array.from({ length: count }, (_, i) => year - count + 1 + i).filter((y) => y >= FIRST_YEAR);
}

export async function fetchIndicators(regionCode: string, year: number): Promise<Indicators> {
  const { data, error } = await supabaseClient.rpc('region_indicators', { region_code: regionCode, year });
  if (error) throw toHttpError(error);
  const row = data?.[0];
  if (!row) throw new Error('没有该区划的指标');
  return row;
}

export async function fetchSubRegions(regionCode: string, year: number): Promise<Indicators[]> {
  const { data, error } = await supabaseClient.rpc('region_indicators', { region_code: regionCode, year, sub_regions: true });
  if (error) throw toHttpError(error);
  return data ?? [];
}

export async function fetchTrend(regionCode: string, years: number[]): Promise<Indicators[]> {
  return Promise.all(years.map((y) => fetchIndicators(regionCode, y)));
}

/** A numeric column of the indicators row (numeric comes as a string, counts as numbers). */
export function valueOf(row: Indicators | undefined, key: string | undefined): number | null {
  if (!row || !key) return null;
  const v = (row as unknown as Record<string, unknown>)[key];
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export function metOf(row: Indicators | undefined, key: string | undefined): boolean | null {
  if (!row || !key) return null;
  const v = (row as unknown as Record<string, unknown>)[key];
  return typeof v === 'boolean' ? v : null;
}

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const text = Number.isInteger(value) ? value.toLocaleString('zh-CN') : value.toFixed(2);
  return unit === '%' ? `${text}%` : text;
}

/** Indicators the caller may read: the non-public ones only with full access. */
export function visibleIndicators(row: Indicators | undefined): IndicatorInfo[] {
  return INDICATORS.filter((i) => i.public || row?.full_access);
}

/** The level below for the ranking (counties of a city, cities of a province, streets of a county). */
export const SUB_LEVEL_LABEL: Record<RegionLevel, string> = { province: '市', city: '县（区）', county: '街道（乡镇）', street: '' };

// -------------------------------------------------------------------------------------------------
// Rows behind a figure

export type DrillRow = Record<string, string | number | boolean | null>;
export type DrillTable = { title: string; columns: { key: string; title: string }[]; rows: DrillRow[] };

const COLUMN: Record<RegionLevel, string> = { province: 'province_code', city: 'city_code', county: 'county_code', street: 'street_code' };
const MAX_ROWS = 5000;

type Named = { name: string } | null;
type HistoryRow = {
  institution_id: string; valid_from: string; valid_to: string | null; status: string; affordable: boolean; slots: number; cause: string;
  institution: { name: string; type: string; filing_no: string | null } | null; street: Named;
};

/** Institutions filed at the end of `year` (the timeline rows the figure counted). */
async function institutionsAt(region: Region, year: number, affordableOnly: boolean): Promise<DrillTable> {
  const day = `${year}-12-31`;
  let q = supabaseClient
    .from('institution_history')
    .select('institution_id,valid_from,valid_to,status,affordable,slots,cause,institution:institutions(name,type,filing_no),street:regions!street_code(name)')
    .eq(COLUMN[region.level], region.code)
    .eq('status', 'filed')
    .lte('valid_from', day)
    .or(`valid_to.is.null,valid_to.gt.${day}`)
    .order('slots', { ascending: false })
    .range(0, MAX_ROWS - 1);
  if (affordableOnly) q = q.eq('affordable', true);
  const { data, error } = await q;
  if (error) throw toHttpError(error);
  const rows = (data ?? []) as unknown as HistoryRow[];
  return {
    title: `${year}年末已备案${affordableOnly ? '普惠' : ''}机构（${rows.length}个，托位${rows.reduce((n, r) => n + r.slots, 0)}个）`,
    columns: [
      { key: 'name', title: '机构名称' }, { key: 'street', title: '街道（乡镇）' }, { key: 'filing_no', title: '备案号' },
      { key: 'affordable', title: '普惠' }, { key: 'slots', title: '托位数' }, { key: 'since', title: '自' },
    ],
    rows: rows.map((r) => ({
      id: r.institution_id, name: r.institution?.name ?? r.institution_id, street: r.street?.name ?? '', filing_no: r.institution?.filing_no ?? '',
      affordable: r.affordable ? '是' : '否', slots: r.slots, since: r.valid_from,
    })),
  };
}

/** Registry changes that took effect during `year` (what new_slots nets). */
async function changesIn(region: Region, year: number): Promise<DrillTable> {
  const { data, error } = await supabaseClient
    .from('institution_history')
    .select('institution_id,valid_from,valid_to,status,affordable,slots,cause,institution:institutions(name,type,filing_no),street:regions!street_code(name)')
    .eq(COLUMN[region.level], region.code)
    .gte('valid_from', `${year}-01-01`)
    .lte('valid_from', `${year}-12-31`)
    .order('valid_from')
    .range(0, MAX_ROWS - 1);
  if (error) throw toHttpError(error);
  const rows = (data ?? []) as unknown as HistoryRow[];
  return {
    title: `${year}年登记变化（${rows.length}条）`,
    columns: [
      { key: 'since', title: '生效日期' }, { key: 'name', title: '机构名称' }, { key: 'street', title: '街道（乡镇）' },
      { key: 'cause', title: '变化' }, { key: 'status', title: '状态' }, { key: 'slots', title: '托位数（变化后）' },
    ],
    rows: rows.map((r) => ({
      id: `${r.institution_id}-${r.valid_from}`, since: r.valid_from, name: r.institution?.name ?? r.institution_id, street: r.street?.name ?? '',
      cause: HISTORY_CAUSE_LABELS[r.cause as keyof typeof HISTORY_CAUSE_LABELS] ?? r.cause,
      status: INSTITUTION_STATUS_LABELS[r.status as keyof typeof INSTITUTION_STATUS_LABELS] ?? r.status, slots: r.slots,
    })),
  };
}

type ClassRow = { id: string; name: string; class_type: string; capacity: number; enrolled: number; institution: { name: string; status: string; street: Named } | null };

/** Classes of the region's filed institutions today. */
async function classesNow(region: Region): Promise<DrillTable> {
  let q = supabaseClient
    .from('classes')
    .select('id,name,class_type,capacity,enrolled,institution:institutions!inner(name,status,street_code,street:regions!street_code(name))')
    .eq('institution.status', 'filed')
    .order('capacity', { ascending: false })
    .range(0, MAX_ROWS - 1);
  q = region.level === 'street' ? q.eq('institution.street_code', region.code) : q.eq(COLUMN[region.level], region.code);
  const { data, error } = await q;
  if (error) throw toHttpError(error);
  const rows = (data ?? []) as unknown as ClassRow[];
  return {
    title: `已备案机构的班级（现状，${rows.length}个班，托位${rows.reduce((n, r) => n + r.capacity, 0)}个）`,
    columns: [
      { key: 'institution', title: '机构' }, { key: 'street', title: '街道（乡镇）' }, { key: 'name', title: '班级' },
      { key: 'class_type', title: '班型' }, { key: 'capacity', title: '托位' }, { key: 'enrolled', title: '在托（申报）' },
    ],
    rows: rows.map((r) => ({
      id: r.id, institution: r.institution?.name ?? '', street: r.institution?.street?.name ?? '', name: r.name,
      class_type: CLASS_TYPE_LABELS[r.class_type as keyof typeof CLASS_TYPE_LABELS] ?? r.class_type, capacity: r.capacity, enrolled: r.enrolled,
    })),
  };
}

type StaffRow = { id: string; name: string; role: string; certificate_type: string | null; institution: { name: string; status: string } | null };

/** Carers and teachers of the region's filed institutions (the certified-staff rate's rows). */
async function staffNow(region: Region): Promise<DrillTable> {
  let q = supabaseClient
    .from('staff')
    .select('id,name,role,certificate_type,institution:institutions!inner(name,status,street_code)')
    .eq('institution.status', 'filed')
    .in('role', ['carer', 'teacher'])
    .order('certificate_type', { ascending: true, nullsFirst: true })
    .range(0, MAX_ROWS - 1);
  q = region.level === 'street' ? q.eq('institution.street_code', region.code) : q.eq(COLUMN[region.level], region.code);
  const { data, error } = await q;
  if (error) throw toHttpError(error);
  const rows = (data ?? []) as unknown as StaffRow[];
  const certified = new Set(['nursery_carer', 'infant_carer', 'kindergarten_teacher']);
  return {
    title: `保育人员和育婴教师（现状，${rows.length}人，持证${rows.filter((r) => r.certificate_type && certified.has(r.certificate_type)).length}人）`,
    columns: [
      { key: 'institution', title: '机构' }, { key: 'name', title: '姓名' }, { key: 'role', title: '岗位' },
      { key: 'certificate', title: '资格证书' }, { key: 'certified', title: '计入持证' },
    ],
    rows: rows.map((r) => ({
      id: r.id, institution: r.institution?.name ?? '', name: r.name,
      role: INSTITUTION_STAFF_ROLE_LABELS[r.role as keyof typeof INSTITUTION_STAFF_ROLE_LABELS] ?? r.role,
      certificate: r.certificate_type ? (CERTIFICATE_TYPE_LABELS[r.certificate_type as keyof typeof CERTIFICATE_TYPE_LABELS] ?? r.certificate_type) : '无',
      certified: r.certificate_type && certified.has(r.certificate_type) ? '是' : '否',
    })),
  };
}

/** Streets (or sub-regions) and whether each has a filed affordable institution at the end of the year. */
async function streetsAt(region: Region, year: number): Promise<DrillTable> {
  const rows = region.level === 'street' ? [await fetchIndicators(region.code, year)] : await fetchSubRegions(region.code, year);
  return {
    title: `${year}年末各${SUB_LEVEL_LABEL[region.level] || '街道'}普惠机构覆盖`,
    columns: [{ key: 'name', title: '区划' }, { key: 'streets', title: '街道（乡镇）数' }, { key: 'covered', title: '有普惠机构的街道（乡镇）' }],
    rows: rows.map((r) => ({ id: r.code, name: r.region_name, streets: r.streets, covered: r.streets_covered })),
  };
}

export function fetchDrill(drill: IndicatorDrill, region: Region, year: number): Promise<DrillTable> {
  switch (drill) {
    case 'institutions': return institutionsAt(region, year, false);
    case 'affordable_institutions': return institutionsAt(region, year, true);
    case 'history': return changesIn(region, year);
    case 'classes': return classesNow(region);
    case 'staff': return staffNow(region);
    case 'streets': return streetsAt(region, year);
  }
}
