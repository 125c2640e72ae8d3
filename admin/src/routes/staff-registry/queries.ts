/**
 * What the county's staff registry reads (supabase/migrations/20261204006600_create_staff_registry.sql):
 * staff rows through RLS, masked ID numbers and duplicates through the security-definer RPCs (county
 * admins only see duplicates), the certified-staff rate through public.staff_certification_rates.
 */
import type { QueryData } from '@supabase/supabase-js';
import type { RpcRow } from '../../lib/db.ts';
import { fail } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

const staffQuery = () =>
  supabaseClient
    .from('staff')
    .select('id,institution_id,county_code,name,role,certificate_type,certificate_no,certificate_expires_on,health_certificate_expires_on,institution:institutions(name,status)');
export type RegistryStaffRow = QueryData<ReturnType<typeof staffQuery>>[number];
export type DuplicateRow = RpcRow<'staff_duplicate_warnings'>;
export type RateRow = RpcRow<'staff_certification_rates'>;

export async function fetchStaff(): Promise<RegistryStaffRow[]> {
  const { data, error } = await staffQuery().order('institution_id').order('name').limit(2000);
  if (error) fail(error);
  return data ?? [];
}

export async function fetchDuplicates(): Promise<DuplicateRow[]> {
  const { data, error } = await supabaseClient.rpc('staff_duplicate_warnings');
  if (error) fail(error);
  return data ?? [];
}

export async function fetchMaskedIds(): Promise<Map<string, string>> {
  const { data, error } = await supabaseClient.rpc('staff_id_overview', {});
  if (error) fail(error);
  return new Map((data ?? []).map((r) => [r.staff_id, r.id_number_masked]));
}

export async function fetchRates(regionCode: string): Promise<RateRow[]> {
  const { data, error } = await supabaseClient.rpc('staff_certification_rates', { region_code: regionCode });
  if (error) fail(error);
  return data ?? [];
}
