import type { InstitutionStatus } from '@tuoyu/domain';
/**
 * 备案登记册: institutions that went through filing in the person's jurisdiction (filed, suspended,
 * cancelled — or any status on request), with slots from their classes. RLS decides what is
 * readable; the jurisdiction filter keeps other regions' public institutions out of the list.
 */
import type { QueryData } from '@supabase/supabase-js';
import type { Tables } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';
import type { StaffScope } from '../../lib/permissions.ts';
import { REGION_COLUMNS, type SelectedRegion } from '../../contexts/region-scope.tsx';
import { supabaseClient } from '../../providers/supabase-client.ts';

export type RegistryFilters = { name?: string; status?: InstitutionStatus | 'all'; affordable?: 'yes' | 'no' };

const REGISTRY_SELECT =
  'id,name,type,ownership,affordable,status,filing_no,filed_at,county_code,public_address,street:regions!street_code(name),classes(capacity,enrolled)';
const registryQuery = () => supabaseClient.from('institutions').select(REGISTRY_SELECT);
export type RegistryRow = QueryData<ReturnType<typeof registryQuery>>[number];

export const REGISTERED_STATUSES: InstitutionStatus[] = ['filed', 'suspended', 'cancelled'];

export function slotsOf(row: Pick<RegistryRow, 'classes'>): { slots: number; enrolled: number } {
  return (row.classes ?? []).reduce((sum, c) => ({ slots: sum.slots + (c.capacity ?? 0), enrolled: sum.enrolled + (c.enrolled ?? 0) }), {
    slots: 0,
    enrolled: 0,
  });
}

export async function fetchRegistry(scopes: StaffScope[], region: SelectedRegion | null, filters: RegistryFilters): Promise<RegistryRow[]> {
  let query = registryQuery();
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
  return data ?? [];
}

const INSTITUTION_FILING_COLUMNS = 'id,kind,status,submitted_at,decided_at,decision_reasons,filing_no,created_at';
export type InstitutionFiling = Pick<
  Tables<'filings'>,
  'id' | 'kind' | 'status' | 'submitted_at' | 'decided_at' | 'decision_reasons' | 'filing_no' | 'created_at'
>;

export async function fetchInstitutionFilings(institutionId: string): Promise<InstitutionFiling[]> {
  const { data, error } = await supabaseClient
    .from('filings')
    .select(INSTITUTION_FILING_COLUMNS)
    .eq('institution_id', institutionId)
    .neq('status', 'draft')
    .order('created_at', { ascending: false });
  if (error) throw toHttpError(error);
  return data ?? [];
}
