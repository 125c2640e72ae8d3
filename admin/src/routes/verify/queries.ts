/**
 * Public filing check through the `verify_filing(filing_no)` RPC, called with the anon key only
 * (never the signed-in session: anybody scanning the QR code sees the same public answer). A
 * supabase-js client of its own whose only token is the anon key (no auth client, no session).
 */
import { createClient } from '@supabase/supabase-js';
import { isFilingNo } from '@tuoyu/domain';
import type { Database } from '@tuoyu/db-types';
import { env } from '../../config/env.ts';
import type { RpcRow } from '../../lib/db.ts';
import { toHttpError } from '../../lib/errors.ts';

export type VerifyResult = RpcRow<'verify_filing'>;

let anonClient: ReturnType<typeof createClient<Database>> | undefined;

function anon() {
  anonClient ??= createClient<Database>(env.supabaseUrl, env.supabaseAnonKey, { accessToken: async () => env.supabaseAnonKey });
  return anonClient;
}

/** The public facts of a filing number, or null when no institution carries it. */
export async function verifyFiling(filingNo: string): Promise<VerifyResult | null> {
  const no = filingNo.trim();
  if (!isFilingNo(no)) return null;
  const { data, error } = await anon().rpc('verify_filing', { filing_no: no });
  if (error) throw toHttpError(error);
  return data?.[0] ?? null;
}
