/**
 * County oversight (issue 13): complaints (投诉举报马上查) and inspections (监督检查). The rules live in SQL
 * (supabase/migrations/…2100_create_complaints.sql); these are the UI's labels and limits.
 */
export const COMPLAINT_CATEGORIES = ['safety_hazard', 'abuse_injury', 'fee_dispute', 'hygiene_health', 'false_advertising', 'unlicensed', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, string> = {
  safety_hazard: '安全隐患', abuse_injury: '虐童/伤害', fee_dispute: '收费/退费纠纷', hygiene_health: '卫生健康',
  false_advertising: '虚假宣传', unlicensed: '无证办托', other: '其他',
};
/** Urgent categories: accepted within hours, not working days (SQL: complaints.urgent). */
export const URGENT_COMPLAINT_CATEGORIES: readonly ComplaintCategory[] = ['abuse_injury'];

export const COMPLAINT_STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
/** The public timeline's words (受理 → 转办 → 处理中 → 办结). */
export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  submitted: '待受理', accepted: '已受理', assigned: '已转办', in_progress: '处理中', closed: '已办结',
};

export const COMPLAINT_EVENT_VISIBILITIES = ['public', 'complainant', 'institution', 'internal'] as const;
export const COMPLAINT_EVENT_VISIBILITY_LABELS: Record<(typeof COMPLAINT_EVENT_VISIBILITIES)[number], string> = {
  public: '公开进度', complainant: '答复投诉人', institution: '机构说明', internal: '内部记录',
};

/** Photo limits (SQL: bucket complaint-photos and submit_complaint). */
export const COMPLAINT_PHOTO_LIMITS = { maxCount: 6, maxBytes: 5 * 1024 * 1024, mimeTypes: ['image/jpeg', 'image/png'] } as const;

/** Inspections (监督检查, issue 13 §4; SQL: …2200_create_inspections.sql). */
export const INSPECTION_RESULTS = ['pass', 'rectify', 'fail'] as const;
export const INSPECTION_RESULT_LABELS: Record<(typeof INSPECTION_RESULTS)[number], string> = { pass: '合格', rectify: '限期整改', fail: '不合格' };
export const INSPECTION_STATUSES = ['planned', 'recorded'] as const;
export const INSPECTION_STATUS_LABELS: Record<(typeof INSPECTION_STATUSES)[number], string> = { planned: '待检查', recorded: '已检查' };
export const RECTIFICATION_STATUSES = ['open', 'reported', 'closed'] as const;
export const RECTIFICATION_STATUS_LABELS: Record<(typeof RECTIFICATION_STATUSES)[number], string> = {
  open: '整改中', reported: '已报告待复查', closed: '已销号',
};
/** Departments a joint inspection team is drawn from (free text in SQL; these are the suggestions). */
export const INSPECTION_DEPARTMENTS = ['卫健', '市场监管', '消防', '公安', '教育', '住建'] as const;

/** Photo limits of findings and rectification evidence (SQL: bucket inspection-photos, inspection_findings, rectifications). */
export const INSPECTION_PHOTO_LIMITS = { maxCount: 9, maxBytes: 5 * 1024 * 1024, mimeTypes: ['image/jpeg', 'image/png'] } as const;

/** Why a photo cannot be uploaded (type or size), in Chinese; null when it fits the limits. */
export function photoProblem(
  file: { type: string; size: number },
  limits: { maxBytes: number; mimeTypes: readonly string[] } = COMPLAINT_PHOTO_LIMITS,
): string | null {
  if (!limits.mimeTypes.includes(file.type)) return '照片只能是 JPG 或 PNG 格式';
  if (file.size <= 0) return '照片是空文件，请重新选择';
  if (file.size > limits.maxBytes) return `照片不能超过${Math.round(limits.maxBytes / 1024 / 1024)}MB，请压缩后重试`;
  return null;
}

/** The file extension a photo is stored under. */
export function photoExtension(mimeType: string): 'jpg' | 'png' {
  return mimeType === 'image/png' ? 'png' : 'jpg';
}
