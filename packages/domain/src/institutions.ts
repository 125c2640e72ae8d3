import { z } from 'zod';

export const INSTITUTION_TYPES = ['center', 'home_based'] as const;
export const INSTITUTION_TYPE_LABELS: Record<(typeof INSTITUTION_TYPES)[number], string> = { center: '托育机构', home_based: '家庭托育点' };

export const OWNERSHIPS = ['public', 'public_private_run', 'private_public_aided', 'private', 'soe_run'] as const;
export const OWNERSHIP_LABELS: Record<(typeof OWNERSHIPS)[number], string> = {
  public: '公办', public_private_run: '公建民营', private_public_aided: '民办公助', private: '民办', soe_run: '国企领办',
};

export const OPERATING_MODELS = ['standalone', 'community', 'employer', 'kindergarten_class', 'medical', 'service_center'] as const;
export const OPERATING_MODEL_LABELS: Record<(typeof OPERATING_MODELS)[number], string> = {
  standalone: '独立设置', community: '社区嵌入式', employer: '用人单位办托', kindergarten_class: '幼儿园托班', medical: '医疗机构办托', service_center: '综合服务中心',
};

export const SERVICES = ['full_day', 'half_day', 'hourly', 'temporary'] as const;
export const SERVICE_LABELS: Record<(typeof SERVICES)[number], string> = { full_day: '全日托', half_day: '半日托', hourly: '计时托', temporary: '临时托' };

export const INSTITUTION_STATUSES = ['draft', 'filed', 'suspended', 'cancelled'] as const;
export const INSTITUTION_STATUS_LABELS: Record<(typeof INSTITUTION_STATUSES)[number], string> = {
  draft: '未备案', filed: '已备案', suspended: '暂停运营', cancelled: '已注销',
};

export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];
export type Ownership = (typeof OWNERSHIPS)[number];
export type OperatingModel = (typeof OPERATING_MODELS)[number];
export type Service = (typeof SERVICES)[number];

// Coordinates (GCJ-02) ------------------------------------------------------------------------------

/** The ranges of institution_sites' check constraints (China's bounding box). */
export const LAT_RANGE = { min: 3.5, max: 53.6 } as const;
export const LNG_RANGE = { min: 73.4, max: 135.1 } as const;
export const LAT_RANGE_MESSAGE = `纬度应在 ${LAT_RANGE.min}～${LAT_RANGE.max} 之间`;
export const LNG_RANGE_MESSAGE = `经度应在 ${LNG_RANGE.min}～${LNG_RANGE.max} 之间`;

/** GCJ-02 coordinates inside China's bounding box (the database checks the same ranges). */
export const coordinatesSchema = z.object({
  lat: z.number({ message: '请填写纬度' }).min(LAT_RANGE.min, LAT_RANGE_MESSAGE).max(LAT_RANGE.max, LAT_RANGE_MESSAGE),
  lng: z.number({ message: '请填写经度' }).min(LNG_RANGE.min, LNG_RANGE_MESSAGE).max(LNG_RANGE.max, LNG_RANGE_MESSAGE),
});

function coordinateError(value: unknown, name: '纬度' | '经度', range: { min: number; max: number }, message: string): string | null {
  if (value === null || value === undefined || value === '') return `请填写${name}`;
  const n = Number(value);
  if (!Number.isFinite(n)) return `${name}应为数字`;
  return n < range.min || n > range.max ? `${message}（GCJ-02 坐标，中国境内）` : null;
}

/** A form field's latitude: null when fine, else the Chinese reason. */
export function latitudeError(value: unknown): string | null {
  return coordinateError(value, '纬度', LAT_RANGE, LAT_RANGE_MESSAGE);
}

export function longitudeError(value: unknown): string | null {
  return coordinateError(value, '经度', LNG_RANGE, LNG_RANGE_MESSAGE);
}

const inLat = (n: number) => n >= LAT_RANGE.min && n <= LAT_RANGE.max;
const inLng = (n: number) => n >= LNG_RANGE.min && n <= LNG_RANGE.max;

/**
 * Coordinates pasted from a map's coordinate picker: "116.4971,35.7324" (AMap: lng,lat),
 * "35.7324,116.4971" (Tencent: lat,lng), with comma, Chinese comma, space or semicolon. The order is
 * told apart by the ranges (in China a longitude is always > 53.6). Rounded to 6 decimals.
 */
export function parsePastedCoordinates(text: string): { lat: number; lng: number } | { error: string } {
  const numbers = (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  if (numbers.length !== 2) return { error: '未识别到坐标：请粘贴“经度,纬度”或“纬度,经度”两个数字，例如 116.497100,35.732400' };
  const [a, b] = numbers as [number, number];
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  if (inLng(a) && inLat(b)) return { lat: round(b), lng: round(a) };
  if (inLat(a) && inLng(b)) return { lat: round(a), lng: round(b) };
  return { error: `坐标不在中国境内：${LAT_RANGE_MESSAGE}、${LNG_RANGE_MESSAGE}（GCJ-02）` };
}

export const feeItemSchema = z.object({
  name: z.string().min(1, '请填写收费项目').max(50),
  amount: z.number().nonnegative('金额不能为负数'),
  unit: z.string().min(1).max(20),
  note: z.string().max(200).nullish(),
});
export type FeeItem = z.infer<typeof feeItemSchema>;
export const feeListSchema = z.array(feeItemSchema).max(50);

/** Family childcare points publish their area only: coordinates rounded to 2 decimals (~1 km). */
export function publicCoordinates(type: InstitutionType, lat: number, lng: number): { lat: number; lng: number } {
  if (type !== 'home_based') return { lat, lng };
  return { lat: Math.round(lat * 100) / 100, lng: Math.round(lng * 100) / 100 };
}
