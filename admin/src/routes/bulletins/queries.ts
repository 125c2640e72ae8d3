/**
 * 通报: the region's and each sub-region's figures on the period's last day —
 * region_indicators_at(region, end[, sub_regions]); the formulas live in the database only.
 */
import { BULLETIN_INDICATORS, type BulletinPeriod, shortfalls, type Shortfall } from '@tuoyu/domain';
import type { RpcRow } from '../../lib/db.ts';
import { fail } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';
import { formatValue, valueOf } from '../statistics/queries.ts';

export type DayIndicators = RpcRow<'region_indicators_at'>;

export type Bulletin = { total: DayIndicators; rows: DayIndicators[]; behind: { row: DayIndicators; shortfalls: Shortfall[] }[] };

export async function fetchBulletin(regionCode: string, period: BulletinPeriod): Promise<Bulletin> {
  const [total, rows] = await Promise.all([
    supabaseClient.rpc('region_indicators_at', { region_code: regionCode, on_date: period.end }),
    supabaseClient.rpc('region_indicators_at', { region_code: regionCode, on_date: period.end, sub_regions: true }),
  ]);
  if (total.error) fail(total.error);
  if (rows.error) fail(rows.error);
  const first = total.data?.[0];
  if (!first) fail({ message: '没有该区划的指标' });
  const subs = rows.data ?? [];
  return {
    total: first,
    rows: subs,
    behind: subs
      .map((row) => ({ row, shortfalls: shortfalls(row as unknown as Record<string, unknown>) }))
      .filter((b) => b.shortfalls.length > 0),
  };
}

/** A figure with its unit as the bulletin prints it ("4.40", "57.90%", "120个"). */
export function figureText(row: DayIndicators, key: string, unit: string): string {
  const text = formatValue(valueOf(row, key), unit);
  return unit === '个' && text !== '—' ? `${text}个` : text;
}

/** "千人托位数 4.40（目标 4.50）" */
export function shortfallText(s: Shortfall): string {
  const f = (v: number) => formatValue(v, s.unit) + (s.unit === '个' ? '个' : '');
  return `${s.label} ${f(s.value)}（目标 ${f(s.target)}）`;
}

export { BULLETIN_INDICATORS };
