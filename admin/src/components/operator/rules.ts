/**
 * Pure rules of the operator screens (no React, no network): coordinates, health-certificate
 * expiry, which filing kinds an institution may start, material file checks. The database checks
 * the same things and stays authoritative; these only tell people earlier, in Chinese.
 */
import {
  MATERIAL_LABELS,
  MATERIAL_MAX_BYTES,
  MATERIAL_MIME_TYPES,
  requiredMaterials,
  type FilingKind,
  type FilingStatus,
  type MaterialType,
} from '@tuoyu/domain';

// Coordinates (GCJ-02) ------------------------------------------------------------------------------

/** The ranges of institution_sites' check constraints (China's bounding box). */
export const LAT_RANGE = { min: 3.5, max: 53.6 } as const;
export const LNG_RANGE = { min: 73.4, max: 135.1 } as const;
export const LAT_ERROR = `纬度应在 ${LAT_RANGE.min}～${LAT_RANGE.max} 之间（GCJ-02 坐标，中国境内）`;
export const LNG_ERROR = `经度应在 ${LNG_RANGE.min}～${LNG_RANGE.max} 之间（GCJ-02 坐标，中国境内）`;

export function latitudeError(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return '请填写纬度';
  const n = Number(value);
  if (!Number.isFinite(n)) return '纬度应为数字';
  return n < LAT_RANGE.min || n > LAT_RANGE.max ? LAT_ERROR : null;
}

export function longitudeError(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return '请填写经度';
  const n = Number(value);
  if (!Number.isFinite(n)) return '经度应为数字';
  return n < LNG_RANGE.min || n > LNG_RANGE.max ? LNG_ERROR : null;
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
  return { error: '坐标不在中国境内：纬度应在 3.5～53.6、经度应在 73.4～135.1 之间（GCJ-02）' };
}

// Staff health certificates -------------------------------------------------------------------------

export const HEALTH_CERTIFICATE_WARNING_DAYS = 30;
export type CertificateState = 'missing' | 'expired' | 'expiring' | 'valid';

/** State of a health certificate expiring on `expiresOn` (YYYY-MM-DD), seen on `today`. */
export function healthCertificateState(expiresOn: string | null | undefined, today: string): CertificateState {
  if (!expiresOn) return 'missing';
  const days = Math.round((Date.parse(`${expiresOn.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days < 0) return 'expired';
  return days <= HEALTH_CERTIFICATE_WARNING_DAYS ? 'expiring' : 'valid';
}

export const CERTIFICATE_STATE_LABELS: Record<CertificateState, string> = {
  missing: '未登记',
  expired: '已过期',
  expiring: '即将到期',
  valid: '有效',
};

// Filings ---------------------------------------------------------------------------------------------

export type InstitutionStatus = 'draft' | 'filed' | 'suspended' | 'cancelled';

/** Kinds an institution may start, as private.filings_before_write checks on insert. */
export function allowedFilingKinds(status: string): FilingKind[] {
  return status === 'draft' || status === 'cancelled' ? ['new'] : status === 'filed' || status === 'suspended' ? ['change', 'cancel'] : [];
}

export const OPEN_FILING_STATUSES: FilingStatus[] = ['draft', 'submitted', 'under_review', 'returned'];

export function isEditable(status: string): boolean {
  return status === 'draft' || status === 'returned';
}

/** Required materials of a filing in display order, with their labels. */
export function requiredMaterialList(kind: FilingKind, mealsServed: boolean): { type: MaterialType; label: string }[] {
  return requiredMaterials(kind, mealsServed).map((type) => ({ type, label: MATERIAL_LABELS[type] }));
}

const EXTENSION_MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };

/** The MIME type a material is uploaded with (the browser's, else from the extension), or null. */
export function materialMime(file: { name: string; type?: string }): string | null {
  const allowed = MATERIAL_MIME_TYPES as readonly string[];
  if (file.type && allowed.includes(file.type)) return file.type;
  if (file.type && file.type !== 'application/octet-stream') return null;
  return EXTENSION_MIME[file.name.toLowerCase().split('.').pop() ?? ''] ?? null;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Client-side check of a material file: null when fine, else what is wrong and what to do. */
export function materialFileError(file: { name: string; type?: string; size: number }): string | null {
  if (materialMime(file) === null) return `文件类型不支持（${file.name}）：请上传 JPG、PNG 图片或 PDF 文件`;
  if (!(file.size > 0)) return `文件是空的（${file.name}），请重新选择`;
  if (file.size > MATERIAL_MAX_BYTES) return `文件过大（${formatFileSize(file.size)}）：单个文件不能超过 20MB，请压缩后重新上传`;
  return null;
}

/** The storage key: <county_code>/<institution_id>/<filing_id>/<material>-<unique>.<ext> (ASCII only). */
export function materialObjectPath(args: {
  countyCode: string;
  institutionId: string;
  filingId: string;
  material: MaterialType;
  mime: string;
  unique: string;
}): string {
  const ext = args.mime === 'application/pdf' ? 'pdf' : args.mime === 'image/png' ? 'png' : 'jpg';
  const unique = args.unique.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'file';
  return `${args.countyCode}/${args.institutionId}/${args.filingId}/${args.material}-${unique}.${ext}`;
}

/** Today in China (UTC+8) as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The countdown people read on the status page. */
export function workingDaysText(daysLeft: number | null): string {
  if (daysLeft === null) return '—';
  if (daysLeft < 0) return `已超期 ${-daysLeft} 个工作日`;
  if (daysLeft === 0) return '今日到期';
  return `剩余 ${daysLeft} 个工作日`;
}
