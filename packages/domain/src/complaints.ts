/**
 * Complaints (投诉举报马上查, issue 13 §3). The rules live in SQL
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
