import { isFilingNo } from '@tuoyu/domain';
/**
 * Public filing check through the `verify_filing(filing_no)` RPC, called with the anon key only
 * (never the signed-in session: anybody scanning the QR code sees the same public answer).
 */
import { env } from '../../config/env.ts';
import { toHttpError } from '../../lib/errors.ts';

export type VerifyResult = {
  filingNo: string;
  institutionName: string;
  status: string;
  statusLabel: string | null;
  type: string | null;
  countyName: string | null;
  filedOn: string | null;
  affordable: boolean;
};

type Raw = Record<string, unknown>;
const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** A row of `verify_filing` (empty result = unknown number). */
export function parseVerifyResult(raw: unknown, filingNo: string): VerifyResult | null {
  const row = (Array.isArray(raw) ? raw[0] : raw) as Raw | null | undefined;
  if (!row || typeof row !== 'object') return null;
  const name = text(row['institution_name']);
  if (!name) return null;
  return {
    filingNo: text(row['filing_no']) ?? filingNo,
    institutionName: name,
    status: text(row['status']) ?? 'filed',
    statusLabel: text(row['status_label']),
    type: text(row['institution_type']),
    countyName: text(row['county_name']),
    filedOn: text(row['filed_on']),
    affordable: row['affordable'] === true,
  };
}

async function anonFetch(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${env.supabaseUrl}${path}`, {
    ...init,
    headers: {
      apikey: env.supabaseAnonKey,
      authorization: `Bearer ${env.supabaseAnonKey}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
  });
}

export async function verifyFiling(filingNo: string): Promise<VerifyResult | null> {
  const no = filingNo.trim();
  if (!isFilingNo(no)) return null;
  let res: Response;
  try {
    res = await anonFetch('/rest/v1/rpc/verify_filing', { method: 'POST', body: JSON.stringify({ filing_no: no }) });
  } catch (error) {
    throw toHttpError(error);
  }
  if (res.ok) return parseVerifyResult(res.status === 204 ? null : await res.json(), no);
  const body = (await res.json().catch(() => ({}))) as Raw;
  throw toHttpError(body);
}
