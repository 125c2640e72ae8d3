/** `filing_overview(region_code)`: one row per county in the caller's scope (RLS decides). */
import { FILING_STATUS_LABELS, type FilingStatus } from '@tuoyu/domain';
import type { RpcRow } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type CountyOverview = RpcRow<'filing_overview'>;

export async function fetchOverview(regionCode: string | null): Promise<CountyOverview[]> {
  const { data, error } = await supabaseClient.rpc('filing_overview', regionCode ? { region_code: regionCode } : {});
  if (error) throw toHttpError(error);
  return data ?? [];
}

export const CHART_STATUSES: FilingStatus[] = ['submitted', 'under_review', 'returned', 'approved', 'rejected'];

/** Long format for a stacked column chart: one row per county and status. */
export function filingsByStatus(rows: CountyOverview[]): { county: string; status: string; count: number }[] {
  // (`county` is the area's name: a county, or a city in a province's roll-up)
  return rows.flatMap((r) =>
    CHART_STATUSES.map((status) => ({
      county: r.county_name,
      status: FILING_STATUS_LABELS[status],
      count: r[`filings_${status}` as const],
    })),
  );
}

export function slotsByCounty(rows: CountyOverview[]): { county: string; kind: string; value: number }[] {
  return rows.flatMap((r) => [
    { county: r.county_name, kind: '托位数', value: r.slots },
    { county: r.county_name, kind: '普惠托位', value: r.affordable_slots },
    { county: r.county_name, kind: '在托人数', value: r.enrolled },
  ]);
}

export function totals(rows: CountyOverview[]) {
  const sum = (pick: (r: CountyOverview) => number) => rows.reduce((s, r) => s + pick(r), 0);
  return {
    counties: rows.length,
    pending: sum((r) => r.filings_submitted + r.filings_under_review),
    overdue: sum((r) => r.overdue_reviews),
    filed: sum((r) => r.institutions_filed),
    slots: sum((r) => r.slots),
  };
}

