import { z } from 'zod';
import { LAT_RANGE, LAT_RANGE_MESSAGE, LNG_RANGE, LNG_RANGE_MESSAGE } from './coordinates.ts';

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

export const INSTITUTION_STATUSES = ['draft', 'filed', 'suspended', 'cancelled', 'revoked'] as const;
export const INSTITUTION_STATUS_LABELS: Record<(typeof INSTITUTION_STATUSES)[number], string> = {
  draft: '未备案', filed: '已备案', suspended: '暂停运营', cancelled: '已注销', revoked: '撤销备案',
};

export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];
export type Ownership = (typeof OWNERSHIPS)[number];
export type OperatingModel = (typeof OPERATING_MODELS)[number];
export type Service = (typeof SERVICES)[number];

/**
 * Filed fields: once an institution is filed (or suspended) its operator changes these only through
 * a change filing; the county admin may correct them (SQL: private.institutions_before_write and
 * private.institution_sites_before_write refuse the operator's direct writes).
 */
export const FILED_FIELDS = ['name', 'type', 'ownership', 'operating_model', 'street_code', 'affordable', 'meals_served', 'services', 'fee_items', 'address', 'lat', 'lng'] as const;

/**
 * What a change filing (变更备案) may propose, stored in `filings.changes` and applied on approval
 * (SQL: private.check_filing_changes / private.apply_filing_changes; `filing_change_diff` shows
 * before/after). `site` = {address, lat, lng}; `classes` = the full new class list
 * [{id? (kept class), name, class_type, min_age_months, max_age_months, capacity, carers?}].
 */
export const CHANGE_FIELDS = ['name', 'type', 'ownership', 'operating_model', 'street_code', 'affordable', 'meals_served', 'services', 'fee_items', 'site', 'classes'] as const;
export const CHANGE_FIELD_LABELS: Record<(typeof CHANGE_FIELDS)[number], string> = {
  name: '名称', type: '类型', ownership: '举办性质', operating_model: '运营模式', street_code: '所在街道',
  affordable: '普惠性质', meals_served: '膳食服务', services: '服务类型', fee_items: '收费项目清单', site: '地址和坐标', classes: '班级和托位',
};
export const FILED_FIELDS_NOTE = '机构已备案：变更此项须办理变更备案';
export function filedFieldsLocked(status: string): boolean {
  return status === 'filed' || status === 'suspended';
}

/** GCJ-02 coordinates inside China's bounding box (the database checks the same ranges). */
export const coordinatesSchema = z.object({
  lat: z.number({ message: '请填写纬度' }).min(LAT_RANGE.min, LAT_RANGE_MESSAGE).max(LAT_RANGE.max, LAT_RANGE_MESSAGE),
  lng: z.number({ message: '请填写经度' }).min(LNG_RANGE.min, LNG_RANGE_MESSAGE).max(LNG_RANGE.max, LNG_RANGE_MESSAGE),
});

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

// 机构照片 (storage bucket institution-photos; the bucket enforces the same limits) -----------------

export const INSTITUTION_PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const INSTITUTION_PHOTO_MAX_COUNT = 12;
const PHOTO_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Why a photo cannot be uploaded (Chinese), or null when it can. */
export function institutionPhotoProblem(file: { name: string; type?: string; size: number }, existing = 0): string | null {
  if (existing >= INSTITUTION_PHOTO_MAX_COUNT) return `最多上传 ${INSTITUTION_PHOTO_MAX_COUNT} 张照片，请先删除不需要的照片`;
  if (!file.type || !(file.type in PHOTO_TYPES)) return `文件类型不支持（${file.name}）：请上传 JPG、PNG 或 WebP 图片`;
  if (!(file.size > 0)) return `文件是空的（${file.name}），请重新选择`;
  if (file.size > INSTITUTION_PHOTO_MAX_BYTES) {
    return `照片过大（${(file.size / 1024 / 1024).toFixed(1)} MB）：单张不能超过 2 MB，请压缩后重新上传`;
  }
  return null;
}

/** Where a photo is stored: `<institution id>/<unique>.<ext>` (the first folder is what RLS checks). */
export function institutionPhotoPath(institutionId: string, mimeType: string, unique: string): string {
  return `${institutionId}/${unique}.${PHOTO_TYPES[mimeType] ?? 'jpg'}`;
}
