/**
 * What the subsidy screens read and call (supabase/migrations/20261204006500_create_subsidies.sql).
 * RLS lets members read their institution's applications and admins those of their area; the
 * amounts come from the database (apply_for_subsidy computes them), never from this screen.
 */
import type { QueryData } from '@supabase/supabase-js';
import type { Views } from '../../lib/db.ts';
import { fail } from '../../lib/errors.ts';
import { supabaseClient } from '../../providers/supabase-client.ts';

const applicationQuery = () =>
  supabaseClient
    .from('subsidy_applications')
    .select('*,institution:institutions(name,filing_no),lines:subsidy_application_lines(kind,class_type,children,months,rate_yuan,amount_yuan)');
export type ApplicationRow = QueryData<ReturnType<typeof applicationQuery>>[number];
export type LineRow = ApplicationRow['lines'][number];
export type TotalRow = Views<'subsidy_totals'>;

export async function fetchApplications(filter: { institutionId?: string; status?: string }): Promise<ApplicationRow[]> {
  let q = applicationQuery();
  if (filter.institutionId) q = q.eq('institution_id', filter.institutionId);
  if (filter.status) q = q.eq('status', filter.status as ApplicationRow['status']);
  const { data, error } = await q.order('year', { ascending: false }).order('half', { ascending: false }).order('submitted_at');
  if (error) fail(error);
  return data ?? [];
}

export async function fetchTotals(): Promise<TotalRow[]> {
  const { data, error } = await supabaseClient.from('subsidy_totals').select('*').order('year', { ascending: false }).order('half', { ascending: false }).order('county_code');
  if (error) fail(error);
  return data ?? [];
}

export interface Preview {
  basis: 'placements' | 'declared_enrolment';
  total_amount: number;
  lines: { kind: 'operating' | 'construction'; class_type: string | null; children: number; months: number; rate_yuan: number; amount_yuan: number }[];
}

export async function previewSubsidy(institution: string, year: number, half: number): Promise<Preview> {
  const { data, error } = await supabaseClient.rpc('subsidy_preview', { institution, year, half });
  if (error) fail(error);
  return data as unknown as Preview;
}

export async function applyForSubsidy(institution: string, year: number, half: number): Promise<void> {
  const { error } = await supabaseClient.rpc('apply_for_subsidy', { institution, year, half });
  if (error) fail(error);
}

export async function approveSubsidy(application: string): Promise<void> {
  const { error } = await supabaseClient.rpc('approve_subsidy', { application });
  if (error) fail(error);
}

export async function returnSubsidy(application: string, reason: string): Promise<void> {
  const { error } = await supabaseClient.rpc('return_subsidy', { application, reason });
  if (error) fail(error);
}
