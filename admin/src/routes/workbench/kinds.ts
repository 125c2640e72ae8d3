/**
 * How the 工作台 presents each kind of `my_work_items()`: its title, where the full list is, where
 * one item opens, and which menu entry carries its badge. Kinds without a screen yet (inspections,
 * rectifications: issue 13's screens) show their items without links.
 */
import type { WorkItem } from './queries.ts';

export type WorkKind =
  | 'filing_review'
  | 'complaint'
  | 'rectification_recheck'
  | 'event_review'
  | 'inspection'
  | 'event_draft'
  | 'event_upcoming'
  | 'filing_todo'
  | 'enrollment_request'
  | 'rectification_open'
  | 'staff_certificate'
  | 'filing_notice_open'
  | 'filing_notice';

export type WorkKindView = {
  title: string;
  /** What the urgent count means ("已超期"). */
  urgentLabel: string;
  empty: string;
  list?: string;
  item?: (item: WorkItem) => string | null;
  /** Refine resource whose menu entry shows the count. */
  resource?: string;
  /** Days-left wording: working days (filings) or calendar days. */
  days: 'working' | 'calendar';
};

export const WORK_KINDS: Record<WorkKind, WorkKindView> = {
  filing_review: {
    title: '待审核备案', urgentLabel: '已超期', empty: '没有等待审核的备案', list: '/filing-reviews',
    item: (i) => `/filing-reviews/${i.id}`, resource: 'filing-reviews', days: 'working',
  },
  complaint: {
    title: '待办投诉', urgentLabel: '超期或紧急', empty: '没有未办结的投诉', list: '/complaints',
    item: (i) => `/complaints/${i.id}`, resource: 'complaints', days: 'calendar',
  },
  rectification_recheck: { title: '待复查整改', urgentLabel: '', empty: '没有待复查的整改报告', days: 'calendar' },
  event_review: {
    title: '待审核活动', urgentLabel: '三天内开始', empty: '没有等待审核的活动', list: '/events',
    item: () => '/events', resource: 'events', days: 'calendar',
  },
  inspection: { title: '待检查任务', urgentLabel: '已过计划日期', empty: '没有待执行的检查任务', days: 'calendar' },
  event_draft: {
    title: '待完善活动', urgentLabel: '', empty: '没有草稿或被退回的活动', list: '/events',
    item: () => '/events', resource: 'events', days: 'calendar',
  },
  event_upcoming: {
    title: '即将举办的活动', urgentLabel: '三天内开始', empty: '没有即将举办的活动', list: '/events',
    item: (i) => `/events/${i.id}/check-in`, days: 'calendar',
  },
  filing_todo: {
    title: '待办备案', urgentLabel: '被退回', empty: '没有待提交或被退回的备案', list: '/filings',
    item: (i) => `/filings/${i.id}`, resource: 'filings', days: 'calendar',
  },
  enrollment_request: {
    title: '待回复入托申请', urgentLabel: '超过三天未回复', empty: '没有等待回复的入托申请', list: '/enrollment',
    item: () => '/enrollment', resource: 'enrollment', days: 'calendar',
  },
  rectification_open: { title: '待整改事项', urgentLabel: '已超期', empty: '没有待整改事项', days: 'calendar' },
  filing_notice_open: {
    title: '备案问题待整改', urgentLabel: '已过改正期限', empty: '没有未确认整改的备案问题告知', list: '/registry',
    item: (i) => (i.institution_id ? `/registry/${i.institution_id}` : '/registry'), days: 'calendar',
  },
  filing_notice: {
    title: '备案问题待改正', urgentLabel: '已过改正期限', empty: '没有待改正的备案问题',
    item: (i) => (i.institution_id ? `/my-institution/${i.institution_id}` : '/my-institution'), resource: 'my-institution',
    days: 'calendar',
  },
  staff_certificate: {
    title: '健康证即将到期', urgentLabel: '已过期', empty: '30天内没有到期的健康证', list: '/my-institution',
    item: (i) => (i.institution_id ? `/my-institution/${i.institution_id}` : '/my-institution'), resource: 'my-institution',
    days: 'calendar',
  },
};

export const isWorkKind = (kind: string): kind is WorkKind => kind in WORK_KINDS;

/** Days-left text: "剩 3 个工作日" / "今天到期" / "已超期 2 天". */
export function daysLeftText(daysLeft: number | null | undefined, days: 'working' | 'calendar'): string | null {
  if (daysLeft === null || daysLeft === undefined) return null;
  const unit = days === 'working' ? '个工作日' : '天';
  if (daysLeft < 0) return `已超期 ${-daysLeft} ${unit}`;
  if (daysLeft === 0) return '今天到期';
  return `剩 ${daysLeft} ${unit}`;
}

/** Menu badge counts per refine resource (sum of the kinds shown on that entry). */
export function badgeCounts(rows: { kind: string; total: number }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (!isWorkKind(row.kind)) continue;
    const resource = WORK_KINDS[row.kind].resource;
    if (!resource || row.total <= 0) continue;
    counts.set(resource, (counts.get(resource) ?? 0) + row.total);
  }
  return counts;
}
