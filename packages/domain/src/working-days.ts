import dayjs from 'dayjs';

/** A row of public.calendar_days: a public holiday or an adjusted working day (调休上班). */
export interface CalendarDay {
  day: string; // YYYY-MM-DD
  kind: 'holiday' | 'workday';
  name?: string;
}

export interface WorkingDayCalendar {
  isWorkingDay(date: string): boolean;
  /** The `days`-th working day after `start` (start itself not counted), as public.add_working_days. */
  addWorkingDays(start: string, days: number): string;
  /** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
  workingDaysBetween(from: string, to: string): number;
}

const ISO = 'YYYY-MM-DD';

export function createCalendar(days: CalendarDay[]): WorkingDayCalendar {
  const kinds = new Map(days.map((d) => [d.day, d.kind]));
  const isWorkingDay = (date: string) => {
    const kind = kinds.get(date);
    if (kind) return kind === 'workday';
    const weekday = dayjs(date).day();
    return weekday !== 0 && weekday !== 6;
  };
  return {
    isWorkingDay,
    addWorkingDays(start, n) {
      let d = dayjs(start);
      let counted = 0;
      while (counted < n) {
        d = d.add(1, 'day');
        if (isWorkingDay(d.format(ISO))) counted += 1;
      }
      return d.format(ISO);
    },
    workingDaysBetween(from, to) {
      const a = dayjs(from);
      const b = dayjs(to);
      const sign = b.isBefore(a) ? -1 : 1;
      const [lo, hi] = sign > 0 ? [a, b] : [b, a];
      let n = 0;
      for (let d = lo.add(1, 'day'); !d.isAfter(hi); d = d.add(1, 'day')) if (isWorkingDay(d.format(ISO))) n += 1;
      return sign * n;
    },
  };
}

export type DeadlineState = { state: 'on_time'; remaining: number } | { state: 'due_today' } | { state: 'overdue'; overdue: number };

/** Countdown for the review queue: working days left until `deadline` as seen on `today`. */
export function deadlineState(calendar: WorkingDayCalendar, deadline: string, today: string): DeadlineState {
  if (deadline === today) return { state: 'due_today' };
  const n = calendar.workingDaysBetween(today, deadline);
  if (dayjs(deadline).isBefore(dayjs(today))) return { state: 'overdue', overdue: Math.max(1, -n) };
  return { state: 'on_time', remaining: n };
}

/** Statutory review period for filings (托育机构登记和备案办法（试行）). */
export const FILING_REVIEW_WORKING_DAYS = 5;
