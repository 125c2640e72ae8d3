/**
 * Campaign events, policies, parenting articles and consultations (issue 14): the values of the
 * database enums and their one Chinese label each (SQL is the authority for the rules).
 */

/** 活动类型 */
export const EVENT_KINDS = ['lecture', 'free_clinic', 'open_day', 'parent_child', 'policy_consultation', 'home_visit'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  lecture: '讲座',
  free_clinic: '义诊',
  open_day: '托育机构开放日',
  parent_child: '亲子活动',
  policy_consultation: '政策咨询',
  home_visit: '入户指导',
};

/** 活动状态: draft → pending_review → published | returned; published → cancelled */
export const EVENT_STATUSES = ['draft', 'pending_review', 'published', 'returned', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  draft: '草稿',
  pending_review: '待审核',
  published: '已发布',
  returned: '已退回',
  cancelled: '已取消',
};

/** 报名 / 预约状态 (event_signups and consultation_bookings) */
export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  confirmed: '已确认',
  waitlisted: '候补',
  cancelled: '已取消',
  attended: '已到场',
  no_show: '未到场',
};

export const ATTENDEE_KINDS = ['child', 'adult'] as const;
export type AttendeeKind = (typeof ATTENDEE_KINDS)[number];
export const ATTENDEE_KIND_LABELS: Record<AttendeeKind, string> = { child: '儿童', adult: '成人' };

/** 政策层级 */
export const POLICY_LEVELS = ['national', 'province', 'city', 'county'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const POLICY_LEVEL_LABELS: Record<PolicyLevel, string> = { national: '国家', province: '省级', city: '市级', county: '县区级' };

/** Tags suggested when authoring a policy (free text is allowed; these are the common ones). */
export const POLICY_TAG_SUGGESTIONS = ['补贴', '备案', '普惠', '用人单位办托', '税费减免', '育儿补贴', '标准'] as const;

/** 科学育儿主题 */
export const ARTICLE_TOPICS = ['nutrition', 'sleep', 'development', 'safety', 'disease_prevention'] as const;
export type ArticleTopic = (typeof ARTICLE_TOPICS)[number];
export const ARTICLE_TOPIC_LABELS: Record<ArticleTopic, string> = {
  nutrition: '营养',
  sleep: '睡眠',
  development: '发育',
  safety: '安全',
  disease_prevention: '疾病预防',
};

/** 咨询方式 */
export const CONSULTATION_MODES = ['in_person', 'phone'] as const;
export type ConsultationMode = (typeof CONSULTATION_MODES)[number];
export const CONSULTATION_MODE_LABELS: Record<ConsultationMode, string> = { in_person: '到场咨询', phone: '电话咨询' };

/** Images of campaigns, articles and experts (bucket `content-images`; the bucket enforces the same). */
export const CONTENT_IMAGE_BUCKET = 'content-images';
export const CONTENT_IMAGE_MAX_BYTES = 2 * 1024 * 1024;
export const CONTENT_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** "第3位" / "已确认": what a family sees about one sign-up or booking. */
export function signupStatusText(status: SignupStatus, waitlistPosition: number | null): string {
  if (status === 'waitlisted' && waitlistPosition) return `候补第${waitlistPosition}位`;
  return SIGNUP_STATUS_LABELS[status];
}

/** "6-12月龄" */
export function ageBandText(min: number, max: number): string {
  if (min === 0 && max >= 36) return '0-3岁';
  return `${min}-${max}月龄`;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Beijing time parts of an ISO timestamp, whatever the device's time zone. */
function chinaParts(iso: string) {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: pad(d.getUTCHours()), mm: pad(d.getUTCMinutes()) };
}

/** "2025年5月24日 09:00–11:30" (Beijing time; the end date is named when it differs). */
export function formatEventTime(startsAt: string, endsAt: string): string {
  const a = chinaParts(startsAt);
  const b = chinaParts(endsAt);
  const sameDay = a.y === b.y && a.m === b.m && a.d === b.d;
  return `${a.y}年${a.m}月${a.d}日 ${a.hh}:${a.mm}–${sameDay ? '' : `${b.m}月${b.d}日 `}${b.hh}:${b.mm}`;
}

/** "剩余 3 个名额" / "已满，可候补（5人候补）" */
export function placesText(freePlaces: number | null, waitlistCount: number): string {
  if (freePlaces !== null && freePlaces > 0) return `剩余 ${freePlaces} 个名额`;
  return waitlistCount > 0 ? `已满，可候补（${waitlistCount}人候补）` : '已满，可候补';
}

/**
 * The check-in QR code of a sign-up carries its 6-digit code (event_signups.short_code) and nothing
 * else; a scanner or a typed value is accepted when it is exactly that (spaces ignored).
 */
export const CHECK_IN_CODE_PATTERN = /^[0-9]{6}$/;
export function parseCheckInCode(text: string): string | null {
  const code = text.replace(/\s+/g, '');
  return CHECK_IN_CODE_PATTERN.test(code) ? code : null;
}
