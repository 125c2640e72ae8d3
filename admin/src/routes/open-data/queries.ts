/**
 * The public registry (supabase/migrations/20261204006700_create_open_registry.sql) read with the
 * anon key only, like the verification page: everybody downloads the same public file.
 * REST: GET {SUPABASE_URL}/rest/v1/open_registry?county_code=eq.<code> (JSON; `Accept: text/csv` for CSV).
 */
import { createClient } from '@supabase/supabase-js';
import type { Database } from '@tuoyu/db-types';
import { env } from '../../config/env.ts';
import type { RegionRow, Views } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';

export type OpenRegistryRow = Views<'open_registry'>;
export type RegionLevelColumn = 'province_code' | 'city_code' | 'county_code';

let anonClient: ReturnType<typeof createClient<Database>> | undefined;
function anon() {
  anonClient ??= createClient<Database>(env.supabaseUrl, env.supabaseAnonKey, { accessToken: async () => env.supabaseAnonKey });
  return anonClient;
}

export function openRegistryUrl(column: RegionLevelColumn, code: string): string {
  return `${env.supabaseUrl}/rest/v1/open_registry?${column}=eq.${code}&order=filing_no`;
}

export async function fetchRegions(parent: string | null): Promise<RegionRow[]> {
  let q = anon().from('regions').select('code,name,level,parent_code');
  q = parent ? q.eq('parent_code', parent) : q.eq('level', 'province');
  const { data, error } = await q.order('code');
  if (error) throw toHttpError(error);
  return data ?? [];
}

export async function fetchOpenRegistry(column: RegionLevelColumn, code: string): Promise<OpenRegistryRow[]> {
  const { data, error } = await anon().from('open_registry').select('*').eq(column, code).order('filing_no');
  if (error) throw toHttpError(error);
  return data ?? [];
}

/** The CSV the REST resource returns for `Accept: text/csv`. */
export async function fetchOpenRegistryCsv(column: RegionLevelColumn, code: string): Promise<string> {
  const { data, error } = await anon().from('open_registry').select('*').eq(column, code).order('filing_no').csv();
  if (error) throw toHttpError(error);
  return String(data ?? '');
}
