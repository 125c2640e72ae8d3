/**
 * Families (issue 12): labels of the enrollment workflow and the child's age in months. The
 * authority is SQL (public.age_in_months, the enrollment RPCs); these mirror it for the UI.
 */

export const ENROLLMENT_STATUSES = ['pending', 'offered', 'placed', 'declined', 'offer_declined', 'lapsed', 'withdrawn', 'visited'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  pending: '待处理',
  offered: '已录取待确认',
  placed: '已入托',
  declined: '未通过',
  offer_declined: '已放弃',
  lapsed: '录取已过期',
  withdrawn: '已撤回',
  visited: '已参观',
};

/** Open = still in the queue (counts towards the per-child limit). */
export const OPEN_ENROLLMENT_STATUSES: readonly EnrollmentStatus[] = ['pending', 'offered'];

export const REQUEST_KIND_LABELS: Record<'place' | 'visit', string> = { place: '入托申请', visit: '参观预约' };

export const SEX_LABELS: Record<'female' | 'male', string> = { female: '女', male: '男' };

export const GUARDIAN_RELATIONS = ['mother', 'father', 'parent', 'grandparent', 'other'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];
/** 与孩子的关系 (child_guardians.relation, guardian_invites.relation). */
export const GUARDIAN_RELATION_LABELS: Record<GuardianRelation, string> = {
  mother: '妈妈', father: '爸爸', parent: '监护人', grandparent: '祖辈', other: '其他家人',
};

export const END_REASON_LABELS: Record<'left' | 'graduated', string> = { left: '退托', graduated: '毕业' };

/** 消息 (public.notices): kinds, channels and delivery states. */
export const NOTICE_KIND_LABELS = {
  request_received: '新的入托申请',
  visit_requested: '新的参观预约',
  offer_received: '收到录取通知',
  offer_lapsing: '录取即将过期',
  offer_lapsed: '录取已过期',
  offer_accepted: '家长已确认入托',
  offer_declined: '家长放弃录取',
  request_declined: '申请未通过',
  request_withdrawn: '申请已撤回',
  placement_ended: '已办理离园',
  visit_done: '参观已完成',
  review_received: '收到新的评价',
  review_replied: '机构回复了评价',
  review_hidden: '评价已被隐藏',
  // issue 14: the content features' notices
  event_promoted: '活动候补已转为报名成功',
  event_reminder: '活动明天开始',
  consultation_promoted: '咨询候补已转为预约成功',
  consultation_reminder: '咨询明天进行',
  // issue 13 §1: the invitation by SMS or e-mail (…12200_deliver_institution_invitations)
  institution_invitation: '机构账号邀请',
} as const;
export type NoticeKind = keyof typeof NOTICE_KIND_LABELS;

export const NOTICE_CHANNEL_LABELS = { wechat: '微信服务通知', inbox: '站内消息', sms: '短信', email: '电子邮件' } as const;

export const NOTICE_DELIVERY_STATUS_LABELS = {
  pending: '待发送',
  retrying: '重试中',
  sent: '已发送',
  not_subscribed: '未订阅',
  failed: '发送失败',
  inbox: '仅站内',
} as const;

/** 告知书 (public.privacy_notices.kind). */
export const PRIVACY_NOTICE_KIND_LABELS = { privacy: '隐私保护指引', child_information: '儿童个人信息处理告知书' } as const;

/** 评价 dimensions (columns of public.reviews). */
export const REVIEW_DIMENSIONS = [
  { key: 'care', label: '保育照护' },
  { key: 'safety', label: '安全卫生' },
  { key: 'meals', label: '膳食营养' },
  { key: 'communication', label: '家园沟通' },
  { key: 'fees', label: '收费透明' },
] as const;
export type ReviewDimension = (typeof REVIEW_DIMENSIONS)[number]['key'];

/** Whole months between a birth date and a day (as Postgres' age(): 1.31 → 2.28 is 0 months). */
export function ageInMonths(birthDate: string, onDay: string = new Date().toISOString().slice(0, 10)): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDay.split('-').map(Number) as [number, number, number];
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  return Math.max(months, 0);
}

/** 20 → "1岁8个月（20个月）"; 8 → "8个月". */
export function formatAgeMonths(months: number): string {
  if (months < 12) return `${months}个月`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return `${years}岁${rest ? `${rest}个月` : ''}（${months}个月）`;
}

/** "2026-12-07T10:00:00Z" → "12月7日 18:00" (China time), for deadlines. */
export function formatChinaDateTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}
