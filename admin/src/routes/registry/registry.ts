/**
 * 备案登记册: institutions that went through filing in the person's jurisdiction (filed, suspended,
 * cancelled — or any status on request), with slots from their classes. RLS decides what is
 * readable; the jurisdiction filter keeps other regions' public institutions out of the list.
 */
import { toHttpError } from '../../lib/errors.ts';
import type { StaffScope } from '../../lib/permissions.ts';
import { REGION_COLUMNS, type SelectedRegion } from '../../contexts/region-scope.tsx';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type RegistryFilters = { name?: string; status?: string; affordable?: 'yes' | 'no' };

export type RegistryRow = {
  id: string;
  name: string;
  type: string;
  ownership: string;
  affordable: boolean;
  status: string;
  filing_no: string | null;
  filed_at: string | null;
  county_code: string;
  public_address: string | null;
  street?: { name: string } | null;
  classes?: { capacity: number; enrolled: number }[];
};

export const REGISTERED_STATUSES = ['filed', 'suspended', 'cancelled'];

export function slotsOf(row: Pick<RegistryRow, 'classes'>): { slots: number; enrolled: number } {
  return (row.classes ?? []).reduce((sum, c) => ({ slots: sum.slots + (c.capacity ?? 0), enrolled: sum.enrolled + (c.enrolled ?? 0) }), {
    slots: 0,
    enrolled: 0,
  });
}

export async function fetchRegistry(scopes: StaffScope[], region: SelectedRegion | null, filters: RegistryFilters): Promise<RegistryRow[]> {
  let query = supabaseClient
    .from('institutions')
    .select('id,name,type,ownership,affordable,status,filing_no,filed_at,county_code,public_address,street:regions!street_code(name),classes(capacity,enrolled)');
  const jurisdiction = scopes.map((s) => `${REGION_COLUMNS[s.regionLevel]}.eq.${s.regionCode}`);
  if (jurisdiction.length > 0) query = query.or(jurisdiction.join(','));
  if (region) query = query.eq(REGION_COLUMNS[region.level], region.code);
  if (filters.status === 'all') {
    // every status
  } else if (filters.status) query = query.eq('status', filters.status);
  else query = query.in('status', REGISTERED_STATUSES);
  if (filters.affordable) query = query.eq('affordable', filters.affordable === 'yes');
  const name = filters.name?.trim();
  if (name) query = query.ilike('name', `%${name.replace(/[%_,()]/g, ' ')}%`);
  const { data, error } = await query.order('filing_no', { ascending: true, nullsFirst: false }).order('name').limit(2000);
  if (error) throw toHttpError(error);
  return (data ?? []) as unknown as RegistryRow[];
}

export type InstitutionFiling = {
  id: string;
  kind: string;
  status: string;
  submitted_at: string | null;
  decided_at: string | null;
  decision_reasons: string | null;
  filing_no: string | null;
  created_at: string;
};

export async function fetchInstitutionFilings(institutionId: string): Promise<InstitutionFiling[]> {
  const { data, error } = await supabaseClient
    .from('filings')
    .select('id,kind,status,submitted_at,decided_at,decision_reasons,filing_no,created_at')
    .eq('institution_id', institutionId)
    .neq('status', 'draft')
    .order('created_at', { ascending: false });
  if (error) throw toHttpError(error);
  return (data ?? []) as InstitutionFiling[];
}
