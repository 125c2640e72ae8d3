/**
 * Pure rules of the public registry search: where the family searches from, the filters, distance
 * labels. No Taro or network imports (unit-tested in search.test.ts).
 */
import {
  CLASS_TYPE_LABELS,
  INSTITUTION_TYPE_LABELS,
  SERVICE_LABELS,
  classTypesForAge,
  coordinatesSchema,
  type ClassType,
} from '@tuoyu/domain';

export type InstitutionType = keyof typeof INSTITUTION_TYPE_LABELS;
export type ServiceType = keyof typeof SERVICE_LABELS;

/** Where distances are measured from (GCJ-02, as WeChat's location APIs return). */
export interface Origin {
  lat: number;
  lng: number;
  /** What the family sees: 当前位置附近, 汶上县中都街道 … */
  label: string;
}

/** Search radius choices in metres (nearby_institutions accepts up to 50 km). */
export const RADIUS_CHOICES = [1000, 3000, 5000, 10000, 20000] as const;
export const DEFAULT_RADIUS = 5000;

export interface RegistryFilters {
  affordableOnly: boolean;
  /** 有空位: at least one class (of the child's age, when given) with capacity > enrolled. */
  vacantOnly: boolean;
  type: InstitutionType | null;
  service: ServiceType | null;
  /** The child's age in months (0–36), or null for any age. */
  ageMonths: number | null;
}

export const NO_FILTERS: RegistryFilters = { affordableOnly: false, vacantOnly: false, type: null, service: null, ageMonths: null };

export const TYPE_CHOICES = Object.entries(INSTITUTION_TYPE_LABELS) as Array<[InstitutionType, string]>;
export const SERVICE_CHOICES = Object.entries(SERVICE_LABELS) as Array<[ServiceType, string]>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** How many filters are on (the badge on the folded filter bar). */
export function activeFilterCount(filters: RegistryFilters): number {
  return [filters.affordableOnly, filters.vacantOnly, filters.type !== null, filters.service !== null, filters.ageMonths !== null].filter(Boolean).length;
}

/** The filters that are on, in words: 普惠 · 有空位 · 家庭托育点 · 计时托 · 8 个月. */
export function describeFilters(filters: RegistryFilters): string[] {
  return [
    filters.affordableOnly ? '普惠' : null,
    filters.vacantOnly ? '有空位' : null,
    filters.type ? INSTITUTION_TYPE_LABELS[filters.type] : null,
    filters.service ? SERVICE_LABELS[filters.service] : null,
    filters.ageMonths !== null ? `${filters.ageMonths} 个月` : null,
  ].filter((text): text is string => text !== null);
}

/** The name box: what the family is told next to it when the search cannot run. */
export function nameProblem(text: string, hasLocation: boolean): string | null {
  if (text.trim() === '' && !hasLocation) return '请输入机构名称，或点“定位”“选地区”查找附近的机构';
  if (text.trim().length > 50) return '机构名称最多 50 个字';
  return null;
}

/** The age box: empty = any age; otherwise whole months 0–36. */
export function parseAgeMonths(text: string): Parsed<number | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d{1,2}$/.test(trimmed) || Number(trimmed) > 36) {
    return { ok: false, message: '请输入 0～36 之间的整月龄（托育服务面向 3 岁以下婴幼儿）' };
  }
  return { ok: true, value: Number(trimmed) };
}

/** "8 个月 → 乳儿班" — which class types a child of that age can join. */
export function describeAge(ageMonths: number): string {
  const types: ClassType[] = classTypesForAge(ageMonths);
  if (types.length === 0) return `${ageMonths} 个月：托育机构一般招收 6 个月以上的婴幼儿`;
  return `${ageMonths} 个月，可入${types.map((t) => CLASS_TYPE_LABELS[t]).join('、')}`;
}

/** Manually typed coordinates, with the database's bounds and Chinese messages. */
export function parseCoordinates(latText: string, lngText: string): Parsed<{ lat: number; lng: number }> {
  const lat = latText.trim() === '' ? Number.NaN : Number(latText);
  const lng = lngText.trim() === '' ? Number.NaN : Number(lngText);
  if (Number.isNaN(lat) || Number.isNaN(lng)) return { ok: false, message: '请填写数字格式的纬度和经度，例如 35.73 和 116.49' };
  const result = coordinatesSchema.safeParse({ lat, lng });
  if (!result.success) return { ok: false, message: result.error.issues[0]?.message ?? '位置无效' };
  return { ok: true, value: result.data };
}

/** Great-circle distance in metres (the database uses earthdistance; this is for name results). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 850 米 / 1.2 公里 / 35 公里. */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.max(10, Math.round(meters / 10) * 10)} 米`;
  if (meters < 10_000) return `${(meters / 1000).toFixed(1)} 公里`;
  return `${Math.round(meters / 1000)} 公里`;
}

export function formatRadius(meters: number): string {
  return meters < 1000 ? `${meters} 米` : `${meters / 1000} 公里`;
}

export interface ClassAges {
  min_age_months: number;
  max_age_months: number;
  capacity?: number;
  enrolled?: number;
}

/** The name search applies the filters the RPC applies for the distance search. */
export function matchesFilters(
  item: { affordable: boolean; type: string; services: readonly string[]; classes: readonly ClassAges[] },
  filters: RegistryFilters,
): boolean {
  if (filters.affordableOnly && !item.affordable) return false;
  if (filters.type && item.type !== filters.type) return false;
  if (filters.service && !item.services.includes(filters.service)) return false;
  const age = filters.ageMonths;
  const fits = (c: ClassAges) => age === null || (age >= c.min_age_months && age <= c.max_age_months);
  if (age !== null && !item.classes.some(fits)) return false;
  if (filters.vacantOnly && !item.classes.some((c) => fits(c) && (c.capacity ?? 0) > (c.enrolled ?? 0))) return false;
  return true;
}

/** `%` and `_` are wildcards in ilike; a family typing them means the characters. */
export function ilikePattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export interface VacancyByType {
  classType: ClassType;
  label: string;
  capacity: number;
  vacancies: number;
}

/** Free places per class type (乳儿班 2 个, 托小班 0 …), in the order of the children's age. */
export function vacanciesByType(rows: readonly { classType: string; capacity: number; vacancies: number }[]): VacancyByType[] {
  const order = Object.keys(CLASS_TYPE_LABELS) as ClassType[];
  return order
    .map((classType) => {
      const mine = rows.filter((row) => row.classType === classType);
      return {
        classType,
        label: CLASS_TYPE_LABELS[classType],
        capacity: mine.reduce((sum, row) => sum + row.capacity, 0),
        vacancies: mine.reduce((sum, row) => sum + row.vacancies, 0),
        present: mine.length > 0,
      };
    })
    .filter((row) => row.present)
    .map(({ present: _present, ...row }) => row);
}
