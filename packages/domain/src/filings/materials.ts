/**
 * Filing materials (托育机构登记和备案办法(试行)): types, Chinese labels, which are required, and the
 * file rules of the private storage bucket `filing-documents` (allowed MIME types and size limit are
 * the bucket's own settings in supabase/migrations/20261123000400_create_filings.sql).
 */
import type { FilingKind } from './status.ts';

export const MATERIAL_TYPES = [
  'filing_form',
  'business_licence',
  'premises_proof',
  'staff_certificates',
  'health_evaluation',
  'fire_safety',
  'food_licence',
  'other',
] as const;
export type MaterialType = (typeof MATERIAL_TYPES)[number];

export const MATERIAL_LABELS: Record<MaterialType, string> = {
  filing_form: '备案表',
  business_licence: '营业执照或法人证书',
  premises_proof: '场所证明',
  staff_certificates: '从业人员资格证和健康证',
  health_evaluation: '卫生评价报告（合格）',
  fire_safety: '消防安全证明',
  food_licence: '食品经营许可证',
  other: '其他材料',
};

export const MATERIAL_HINTS: Record<MaterialType, string> = {
  filing_form: '填写完整并加盖公章的备案表（含承诺书）',
  business_licence: '营业执照或事业单位、社会服务机构法人登记证书',
  premises_proof: '房屋产权证明或租赁合同（家庭托育点租期不少于3年）',
  staff_certificates: '保育人员等从业人员的资格证书和健康合格证明',
  health_evaluation: '疾控或妇幼保健机构出具的卫生评价报告，结论为“合格”',
  fire_safety: '消防验收、备案或检查合格的证明',
  food_licence: '提供膳食的，须提供食品经营许可证',
  other: '其他需要说明的材料',
};


/** As private.required_materials: cancellations need the form only; meals need a food licence. */
export function requiredMaterials(kind: FilingKind, mealsServed: boolean): MaterialType[] {
  if (kind === 'cancel') return ['filing_form'];
  const base: MaterialType[] = [
    'filing_form',
    'business_licence',
    'premises_proof',
    'staff_certificates',
    'health_evaluation',
    'fire_safety',
  ];
  return mealsServed ? [...base, 'food_licence'] : base;
}

/** Required materials without any uploaded document, in display order. */
export function missingMaterials(kind: FilingKind, mealsServed: boolean, uploaded: Iterable<string>): MaterialType[] {
  const have = new Set(uploaded);
  return requiredMaterials(kind, mealsServed).filter((m) => !have.has(m));
}

/** The message the database gives for missing materials (for showing the same text before submitting). */
export function missingMaterialsMessage(missing: readonly MaterialType[]): string | null {
  return missing.length === 0 ? null : `缺少备案材料：${missing.map((m) => MATERIAL_LABELS[m]).join('、')}`;
}

/** The bucket's allowed types (storage.buckets.allowed_mime_types of `filing-documents`). */
export const MATERIAL_MIME_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type MaterialMimeType = (typeof MATERIAL_MIME_TYPES)[number];
export const MATERIAL_FILE_ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';
/** The bucket's size limit (storage.buckets.file_size_limit of `filing-documents`): 20 MB. */
export const MATERIAL_MAX_BYTES = 20 * 1024 * 1024;

const EXTENSION_MIME: Record<string, MaterialMimeType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};
const MIME_EXTENSION: Record<MaterialMimeType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
};

export function isMaterialMimeType(value: unknown): value is MaterialMimeType {
  return typeof value === 'string' && (MATERIAL_MIME_TYPES as readonly string[]).includes(value);
}

/** The MIME type to upload with: the browser's when allowed, else guessed from the extension. */
export function materialMimeType(file: { name: string; type?: string }): MaterialMimeType | null {
  if (isMaterialMimeType(file.type)) return file.type;
  if (file.type && file.type !== 'application/octet-stream') return null;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return EXTENSION_MIME[ext] ?? null;
}

/** Whether a file may be uploaded as a material: null when fine, else the Chinese reason. */
export function validateMaterialFile(file: { name: string; type?: string; size: number }): string | null {
  if (!file.name.trim()) return '文件名不能为空';
  if (materialMimeType(file) === null) return `文件类型不支持（${file.name}）：请上传 JPG、PNG 图片或 PDF 文件`;
  if (!(file.size > 0)) return `文件是空的（${file.name}），请重新选择`;
  if (file.size > MATERIAL_MAX_BYTES) return `文件过大（${formatBytes(file.size)}）：单个文件不能超过 20MB，请压缩后重新上传`;
  return null;
}

/** A file size people read: 512 B / 200 KB / 1.5 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function isImageMaterial(mime: string): boolean {
  return mime === 'image/jpeg' || mime === 'image/png';
}

/**
 * The storage key of a material: `<county_code>/<institution_id>/<filing_id>/<material>-<unique>.<ext>`.
 * The storage policies accept only this folder (county and institution of the filing); the key uses
 * ASCII only (Supabase Storage refuses many non-ASCII keys) — the original name goes to file_name.
 */
export function materialStoragePath(args: {
  countyCode: string;
  institutionId: string;
  filingId: string;
  materialType: MaterialType;
  mimeType: MaterialMimeType;
  unique: string;
}): string {
  const unique = args.unique.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'file';
  return `${args.countyCode}/${args.institutionId}/${args.filingId}/${args.materialType}-${unique}.${MIME_EXTENSION[args.mimeType]}`;
}

/** The parts of a material storage key, or null when it does not follow the convention. */
export function parseMaterialStoragePath(
  key: string,
): { countyCode: string; institutionId: string; filingId: string; fileName: string } | null {
  const parts = key.split('/');
  if (parts.length !== 4) return null;
  const [countyCode, institutionId, filingId, fileName] = parts as [string, string, string, string];
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!/^\d{12}$/.test(countyCode) || !uuid.test(institutionId) || !uuid.test(filingId) || !fileName) return null;
  return { countyCode, institutionId, filingId, fileName };
}
