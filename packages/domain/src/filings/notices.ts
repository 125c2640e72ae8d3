/**
 * 备案后发现问题告知 (issue 13 §2; SQL: public.filing_notices and private.filing_notices_before_write in
 * …2000_create_registry_oversight.sql). The database decides the notification limit and who writes
 * what; these are the UI's words for a notice's state.
 */
import { chinaToday } from './working-days.ts';

/** 告知期限: working days after the filing was approved (SQL: notify_by = add_working_days(decided, 15)). */
export const FILING_NOTICE_WORKING_DAYS = 15;

export const FILING_NOTICE_STATUSES = ['open', 'overdue', 'resolved'] as const;
export type FilingNoticeStatus = (typeof FILING_NOTICE_STATUSES)[number];
export const FILING_NOTICE_STATUS_LABELS: Record<FilingNoticeStatus, string> = { open: '待整改', overdue: '逾期', resolved: '已整改' };

type NoticeDates = { rectify_by: string; resolved_at: string | null };

/** 已整改 once the county confirmed the fix; 逾期 after the last day to fix (China's date); else 待整改. */
export function filingNoticeStatus(notice: NoticeDates, today: string = chinaToday()): FilingNoticeStatus {
  if (notice.resolved_at) return 'resolved';
  return today > notice.rectify_by.slice(0, 10) ? 'overdue' : 'open';
}

/** The most urgent unresolved notice of an institution (earliest 改正期限), for the registry's tag; null if none. */
export function openNoticeDeadline(notices: readonly NoticeDates[], today: string = chinaToday()): { rectifyBy: string; overdue: boolean } | null {
  const open = notices.filter((n) => !n.resolved_at).map((n) => n.rectify_by.slice(0, 10)).sort();
  const first = open[0];
  return first === undefined ? null : { rectifyBy: first, overdue: today > first };
}

/** Whether the county may still notify on a filing whose limit is `notifyBy` (the database checks again). */
export function canStillNotify(notifyBy: string, today: string = chinaToday()): boolean {
  return today <= notifyBy.slice(0, 10);
}
