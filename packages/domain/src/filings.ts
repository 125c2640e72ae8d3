import { z } from 'zod';

export const FILING_KINDS = ['new', 'change', 'cancel'] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
export const FILING_KIND_LABELS: Record<FilingKind, string> = { new: '新办备案', change: '变更备案', cancel: '注销备案' };

export const FILING_STATUSES = ['draft', 'submitted', 'under_review', 'returned', 'approved', 'rejected'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
export const FILING_STATUS_LABELS: Record<FilingStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  under_review: '审核中',
  returned: '退回修改',
  approved: '已备案',
  rejected: '不予备案',
};

export type FilingActor = 'operator' | 'county_admin';

/** The state machine private.filings_before_write enforces, for the UI to offer only legal actions. */
export const FILING_TRANSITIONS: { from: FilingStatus; to: FilingStatus; actor: FilingActor; needsReasons?: boolean; label: string }[] = [
  { from: 'draft', to: 'submitted', actor: 'operator', label: '提交' },
  { from: 'returned', to: 'submitted', actor: 'operator', label: '修改后重新提交' },
  { from: 'submitted', to: 'under_review', actor: 'county_admin', label: '开始审核' },
  { from: 'under_review', to: 'returned', actor: 'county_admin', needsReasons: true, label: '退回' },
  { from: 'under_review', to: 'approved', actor: 'county_admin', label: '准予备案' },
  { from: 'under_review', to: 'rejected', actor: 'county_admin', needsReasons: true, label: '不予备案' },
];

export function nextStatuses(from: FilingStatus, actor: FilingActor): FilingStatus[] {
  return FILING_TRANSITIONS.filter((t) => t.from === from && t.actor === actor).map((t) => t.to);
}

export function canTransition(from: FilingStatus, to: FilingStatus, actor: FilingActor): boolean {
  return nextStatuses(from, actor).includes(to);
}

export function isFinal(status: FilingStatus): boolean {
  return status === 'approved' || status === 'rejected';
}

/** Operators edit content and materials only in these states. */
export function isEditableByOperator(status: FilingStatus): boolean {
  return status === 'draft' || status === 'returned';
}

export const MATERIAL_TYPES = [
  'filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation', 'fire_safety', 'food_licence', 'other',
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

/** As private.required_materials: cancellations need the form only; meals need a food licence. */
export function requiredMaterials(kind: FilingKind, mealsServed: boolean): MaterialType[] {
  if (kind === 'cancel') return ['filing_form'];
  const base: MaterialType[] = ['filing_form', 'business_licence', 'premises_proof', 'staff_certificates', 'health_evaluation', 'fire_safety'];
  return mealsServed ? [...base, 'food_licence'] : base;
}

export function missingMaterials(kind: FilingKind, mealsServed: boolean, uploaded: Iterable<string>): MaterialType[] {
  const have = new Set(uploaded);
  return requiredMaterials(kind, mealsServed).filter((m) => !have.has(m));
}

export const ALLOWED_MATERIAL_MIME_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export const materialFileSchema = z.object({
  name: z.string().min(1).max(200),
  type: z.enum(ALLOWED_MATERIAL_MIME_TYPES, { message: '仅支持 JPG、PNG 或 PDF 文件' }),
  size: z.number().int().positive().max(MAX_MATERIAL_BYTES, '文件不能超过20MB'),
});

/** Storage path in the filing-documents bucket: <county_code>/<institution_id>/<filing_id>/<file>. */
export function filingDocumentPath(countyCode: string, institutionId: string, filingId: string, fileName: string): string {
  const safe = fileName.replace(/[^\w.-]+/g, '_').slice(-100) || 'file';
  return `${countyCode}/${institutionId}/${filingId}/${safe}`;
}

/** 备案号: county code (6) + year + 4-digit sequence, e.g. 37083020240001. */
export const filingNoSchema = z.string().regex(/^\d{6}\d{4}\d{4}$/, '备案号格式应为县区代码6位+年份4位+序号4位');
