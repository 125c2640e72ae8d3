import { describe, expect, it } from 'vitest';
import { createCalendar, deadlineState } from './working-days.ts';

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
};
// 2025 National Day + Mid-Autumn and 2026 Spring Festival, as in public.calendar_days
const calendar = createCalendar([
  ...days('2025-10-01', '2025-10-08').map((day) => ({ day, kind: 'holiday' as const })),
  { day: '2025-09-28', kind: 'workday' },
  { day: '2025-10-11', kind: 'workday' },
  ...days('2026-02-15', '2026-02-23').map((day) => ({ day, kind: 'holiday' as const })),
  { day: '2026-02-14', kind: 'workday' },
  { day: '2026-02-28', kind: 'workday' },
]);

describe('working days', () => {
  it('adds working days over holidays and adjusted working days (same as SQL add_working_days)', () => {
    expect(calendar.addWorkingDays('2025-09-30', 5)).toBe('2025-10-14');
    expect(calendar.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
    expect(calendar.addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false);
  });
  it('counts down to a deadline and flags overdue reviews', () => {
    expect(deadlineState(calendar, '2026-02-26', '2026-02-12')).toEqual({ state: 'on_time', remaining: 5 });
    expect(deadlineState(calendar, '2026-02-26', '2026-02-26')).toEqual({ state: 'due_today' });
    expect(deadlineState(calendar, '2026-02-26', '2026-03-02')).toEqual({ state: 'overdue', overdue: 3 }) // 27 (Fri), 28 (Sat, 调休), 3-02;
  });
});
