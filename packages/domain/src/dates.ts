/**
 * How dates are written in both apps — one way, always in China time (UTC+8) whatever the
 * device's time zone:
 *
 * | helper | example | where |
 * |---|---|---|
 * | `formatDate` | 2026年12月3日 | prose: pages, cards, certificates, the mini-program |
 * | `formatDateShort` | 2026-12-03 | tables, exports, narrow columns (admin) |
 * | `formatDateTime` | 2026-12-03 18:05 | tables and histories that need the time |
 * | `formatChinaDateTime` (families.ts) | 12月7日 18:05 | deadlines within the year (offers, slots) |
 *
 * Today's date in China for inputs and comparisons: `chinaToday()` (filings/working-days.ts).
 *
 * Input: a date (`2026-12-03`, taken as the calendar day it names) or a timestamp (ISO string or
 * Date, shown as the China day). Nothing, or something unreadable → `—`.
 */

export type DateInput = string | Date | null | undefined;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHINA_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

interface Parts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
}

function partsOf(value: DateInput): Parts | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const day = DATE_ONLY.exec(value);
    if (day) return { y: Number(day[1]), m: Number(day[2]), d: Number(day[3]), hh: 0, mm: 0 };
  }
  const time = (typeof value === 'string' ? new Date(value) : value).getTime();
  if (Number.isNaN(time)) return null;
  const t = new Date(time + CHINA_OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes() };
}

/** Prose: "2026年12月3日". */
export function formatDate(value: DateInput): string {
  const p = partsOf(value);
  return p ? `${p.y}年${p.m}月${p.d}日` : '—';
}

/** Tables: "2026-12-03". */
export function formatDateShort(value: DateInput): string {
  const p = partsOf(value);
  return p ? `${p.y}-${pad(p.m)}-${pad(p.d)}` : '—';
}

/** Tables with the time: "2026-12-03 18:05". A date without a time is written as a date. */
export function formatDateTime(value: DateInput): string {
  const p = partsOf(value);
  if (!p) return '—';
  if (typeof value === 'string' && DATE_ONLY.test(value)) return formatDateShort(value);
  return `${p.y}-${pad(p.m)}-${pad(p.d)} ${pad(p.hh)}:${pad(p.mm)}`;
}
