import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  chinaToday,
  deadlineCountdown,
  filingDeadline,
  isWorkingDay,
  isoWeekday,
  workingCalendar,
  workingDaysBetween,
  workingDaysLeft,
} from './working-days.ts';

// 2026 National Day: 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 are 调休 workdays.
const calendar = workingCalendar([
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ day: `2026-10-${d}`, kind: 'holiday' })),
  { day: '2026-09-20', kind: 'workday' },
  { day: '2026-10-10', kind: 'workday' },
]);

describe('working days', () => {
  it('knows weekdays and the calendar overrides', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // Monday
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isWorkingDay('2026-11-23', calendar)).toBe(true);
    expect(isWorkingDay('2026-11-28', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-05', calendar)).toBe(false); // holiday on a Monday
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true); // Saturday workday
  });

  it('puts the filing deadline 5 working days after the submission date', () => {
    expect(filingDeadline('2026-11-23', calendar)).toBe('2026-11-30'); // Mon → next Mon
    expect(filingDeadline('2026-11-27', calendar)).toBe('2026-12-04'); // Fri → next Fri
    // Submitted Wed 09-30: 10-08 (Thu), 10-09 (Fri), 10-10 (Sat workday), 10-12, 10-13
    expect(filingDeadline('2026-09-30', calendar)).toBe('2026-10-13');
    expect(addWorkingDays('2026-11-23', 0, calendar)).toBe('2026-11-23');
  });

  it('counts working days in (start, end], negative backwards', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-30', calendar)).toBe(5);
    expect(workingDaysBetween('2026-11-30', '2026-11-23', calendar)).toBe(-5);
    expect(workingDaysBetween('2026-09-30', '2026-10-13', calendar)).toBe(5);
    expect(workingDaysBetween('2026-11-23', '2026-11-23', calendar)).toBe(0);
  });

  it('counts down to the deadline; overdue is negative as soon as it passed', () => {
    expect(workingDaysLeft('2026-11-30', '2026-11-23', calendar)).toBe(5);
    expect(workingDaysLeft('2026-11-23', '2026-11-23', calendar)).toBe(0);
    expect(workingDaysLeft('2026-11-27', '2026-11-28', calendar)).toBe(-1); // Fri deadline, Saturday
    expect(workingDaysLeft('2026-11-27', '2026-12-01', calendar)).toBe(-2); // Mon, Tue late
    expect(deadlineCountdown(-2)).toEqual({ tone: 'overdue', text: '已超期 2 个工作日' });
    expect(deadlineCountdown(0).tone).toBe('due_today');
    expect(deadlineCountdown(3).text).toBe('剩余 3 个工作日');
  });

  it('takes today in China', () => {
    expect(chinaToday(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
    expect(chinaToday(new Date('2026-11-23T15:59:00Z'))).toBe('2026-11-23');
  });

  it('refuses malformed dates', () => {
    expect(() => workingDaysBetween('2026-02-30', '2026-03-01', calendar)).toThrow(/无效日期/);
  });
});
