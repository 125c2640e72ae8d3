/**
 * Working days for filing deadlines, mirroring public.is_working_day / add_working_days /
 * working_days_between / working_days_left in SQL: days listed in `calendar_days` (holiday or
 * 调休 workday) override Monday–Friday. Dates are ISO strings `YYYY-MM-DD` (no time zones);
 * "today" is the date in China (Asia/Shanghai).
 */

/** 日期类型 (calendar_days.kind). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarKind = (typeof CALENDAR_DAY_KINDS)[number];
export const CALENDAR_DAY_KIND_LABELS: Record<CalendarKind, string> = { holiday: '放假', workday: '调休上班' };
/** Rows of public.calendar_days (`day`, `kind`), or a ready map from ISO date to kind. */
export type WorkingCalendar = ReadonlyMap<string, CalendarKind>;

export function workingCalendar(rows: Iterable<{ day: string; kind: string }>): WorkingCalendar {
  const map = new Map<string, CalendarKind>();
  for (const r of rows) {
    if (r.kind === 'holiday' || r.kind === 'workday') map.set(r.day.slice(0, 10), r.kind);
  }
  return map;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date; throws on anything else. */
function epochDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`无效日期：${iso}（应为 YYYY-MM-DD）`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms).toISOString().slice(0, 10);
  if (back !== iso) throw new Error(`无效日期：${iso}`);
  return Math.round(ms / DAY_MS);
}

function isoFromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}


/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  // 1970-01-01 was a Thursday (4)
  return ((((epochDay(iso) + 3) % 7) + 7) % 7) + 1;
}

/** The date in China at `now` (Asia/Shanghai is UTC+8 all year). */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function isWorkingDay(iso: string, calendar: WorkingCalendar): boolean {
  const kind = calendar.get(iso);
  if (kind) return kind === 'workday';
  return isoWeekday(iso) < 6;
}

/** The `days`-th working day after `start` (not counting `start`), as public.add_working_days. */
export function addWorkingDays(start: string, days: number, calendar: WorkingCalendar): string {
  let day = epochDay(start);
  let left = Math.max(0, Math.trunc(days));
  if (left === 0) return start;
  while (left > 0) {
    day += 1;
    if (isWorkingDay(isoFromEpochDay(day), calendar)) left -= 1;
  }
  return isoFromEpochDay(day);
}

/** Working days in (start, end]; negative when end is before start (public.working_days_between). */
export function workingDaysBetween(start: string, end: string, calendar: WorkingCalendar): number {
  const a = epochDay(start);
  const b = epochDay(end);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = lo + 1; d <= hi; d += 1) if (isWorkingDay(isoFromEpochDay(d), calendar)) n += 1;
  return sign * n;
}

/** The filing deadline: 5 working days after the submission date (in China). */
export const FILING_DEADLINE_WORKING_DAYS = 5;

export function filingDeadline(submittedOn: string, calendar: WorkingCalendar): string {
  return addWorkingDays(submittedOn, FILING_DEADLINE_WORKING_DAYS, calendar);
}

/**
 * Working days left until `deadline` (public.working_days_left): 0 = due today, positive = days
 * left, negative = overdue (at least −1 as soon as the deadline has passed).
 */
export function workingDaysLeft(deadline: string, today: string, calendar: WorkingCalendar): number {
  if (deadline >= today) return workingDaysBetween(today, deadline, calendar);
  return Math.min(workingDaysBetween(today, deadline, calendar), -1);
}

export type DeadlineTone = 'overdue' | 'due_today' | 'due_soon' | 'on_track';

/** How the review queue shows a countdown, with its Chinese text. */
export function deadlineCountdown(daysLeft: number): { tone: DeadlineTone; text: string } {
  if (daysLeft < 0) return { tone: 'overdue', text: `已超期 ${-daysLeft} 个工作日` };
  if (daysLeft === 0) return { tone: 'due_today', text: '今天到期' };
  if (daysLeft <= 1) return { tone: 'due_soon', text: `剩余 ${daysLeft} 个工作日` };
  return { tone: 'on_track', text: `剩余 ${daysLeft} 个工作日` };
}
