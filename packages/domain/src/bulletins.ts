/**
 * 通报 (monthly / weekly bulletins of a city or province): the period, the title, the figures it
 * lists and who is behind target. The figures come from region_indicators_at(region, period end,
 * sub_regions) — the database computes them; this file only names and arranges them.
 */
import { INDICATORS, type IndicatorInfo } from './targets.ts';

export type BulletinPeriodKind = 'month' | 'week';

export interface BulletinPeriod {
  kind: BulletinPeriodKind;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (the figures are as of this day), YYYY-MM-DD. */
  end: string;
  /** 2026年11月 / 2026年第48周，11月23日—11月29日 */
  label: string;
}

export const BULLETIN_PERIOD_KIND_LABELS: Record<BulletinPeriodKind, string> = { month: '月报', week: '周报' };

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
function parse(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`日期格式应为 YYYY-MM-DD：${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The calendar month `year`-`month` (1–12). */
export function monthPeriod(year: number, month: number): BulletinPeriod {
  const start = Date.UTC(year, month - 1, 1);
  const end = Date.UTC(year, month, 1) - DAY_MS;
  return { kind: 'month', start: iso(start), end: iso(end), label: `${year}年${month}月` };
}

/** The ISO week (Monday–Sunday) containing `day`, numbered in its ISO week-year. */
export function weekPeriod(day: string): BulletinPeriod {
  const t = parse(day);
  const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = t - weekday * DAY_MS;
  const thursday = monday + 3 * DAY_MS;
  const weekYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  const sunday = monday + 6 * DAY_MS;
  const md = (x: number) => `${new Date(x).getUTCMonth() + 1}月${new Date(x).getUTCDate()}日`;
  return { kind: 'week', start: iso(monday), end: iso(sunday), label: `${weekYear}年第${week}周，${md(monday)}—${md(sunday)}` };
}

/** 「济宁市普惠托育服务发展情况通报（2026年11月）」 */
export function bulletinTitle(regionName: string, period: BulletinPeriod): string {
  return `${regionName}普惠托育服务发展情况通报（${period.label}）`;
}

/** The figures a bulletin lists for each county (or city), in this order — labels from INDICATORS. */
export const BULLETIN_INDICATOR_KEYS = [
  'institutions', 'affordable_institutions', 'slots', 'slots_per_1000', 'affordable_share', 'new_slots', 'task_completion',
  'street_coverage', 'certified_staff_rate', 'health_record_rate',
] as const;

export const BULLETIN_INDICATORS: IndicatorInfo[] = BULLETIN_INDICATOR_KEYS.map((key) => {
  const info = INDICATORS.find((i) => i.key === key);
  if (!info) throw new Error(`INDICATORS has no ${key}`);
  return info;
});

export interface Shortfall {
  key: string;
  label: string;
  unit: string;
  value: number;
  target: number;
}

function numberOf(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * Who is behind target on which figure: each listed figure with a target whose met column is
 * false (figure < target). Unknown (null) is not "behind": no figure or no target says nothing.
 */
export function shortfalls(row: Record<string, unknown>, indicators: IndicatorInfo[] = BULLETIN_INDICATORS): Shortfall[] {
  const out: Shortfall[] = [];
  for (const i of indicators) {
    if (!i.target || !i.met || row[i.met] !== false) continue;
    const value = numberOf(row[i.key]);
    const target = numberOf(row[i.target]);
    if (value === null || target === null) continue;
    out.push({ key: i.key, label: i.label, unit: i.key === 'new_slots' ? '个' : i.unit, value, target });
  }
  return out;
}
