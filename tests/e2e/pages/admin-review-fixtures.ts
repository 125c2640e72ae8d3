/**
 * Test data for the review browser tests, made through supabase-js exactly as the apps do: a fresh
 * operator account (GoTrue admin API) registers an institution in 汶上县, uploads every required
 * material to the private bucket, registers it and submits — so the county admin has a filing of
 * their own to review without touching the demo operator's records other tests use.
 */
import { requiredMaterials } from '@tuoyu/domain';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';
import WebSocket from 'ws';

/** 1×1 PNG and a one-page PDF: real files of the two kinds the review screen previews. */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export const REQUIRED_WITHOUT_MEALS = requiredMaterials('new', false);

export type OperatorFiling = {
  client: SupabaseClient;
  email: string;
  password: string;
  institutionId: string;
  institutionName: string;
  filingId: string;
  countyCode: string;
};

type Env = { supabaseUrl: string; anonKey: string; serviceRoleKey: string };

function must<T>(result: { data: T | null; error: { message: string } | null }, what: string): T {
  if (result.error || result.data === null) throw new Error(`${what} failed: ${result.error?.message ?? 'no data'}`);
  return result.data;
}

/** A new operator with a submitted 新办 filing in 汶上县中都街道 (all materials uploaded). */
export async function createSubmittedFiling(env: Env, label: string): Promise<OperatorFiling> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `e2e-operator-${suffix}@example.test`;
  const password = 'E2e-operator-2026!';
  const res = await fetch(`${env.supabaseUrl}/auth/v1/admin/users`, {
    method: 'POST',
    headers: { apikey: env.serviceRoleKey, authorization: `Bearer ${env.serviceRoleKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, email_confirm: true, user_metadata: { display_name: '测试园长' } }),
  });
  if (!res.ok) throw new Error(`creating the operator failed: ${res.status} ${await res.text()}`);

  const client = createClient(env.supabaseUrl, env.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
  const signIn = await client.auth.signInWithPassword({ email, password });
  if (signIn.error) throw new Error(`operator sign-in failed: ${signIn.error.message}`);
  const institutionName = `${label}${suffix.slice(-4)}托育园`;
  const institution = must(
    await client
      .from('institutions')
      .insert({
        name: institutionName,
        type: 'center',
        ownership: 'private',
        operating_model: 'community',
        street_code: '370830001000',
        meals_served: false,
        contact_phone: '0537-7200000',
      })
      .select('id,county_code')
      .single(),
    'registering the institution',
  ) as { id: string; county_code: string };
  const filing = must(
    await client.rpc('create_filing_draft', { institution_id: institution.id, kind: 'new' }),
    'creating the draft',
  ) as { id: string };
  await client.from('filings').update({ form: { legal_representative: '测试法人', total_slots: 30 } }).eq('id', filing.id);
  const op: OperatorFiling = {
    client,
    email,
    password,
    institutionId: institution.id,
    institutionName,
    filingId: filing.id,
    countyCode: institution.county_code,
  };
  for (const [i, type] of REQUIRED_WITHOUT_MEALS.entries()) await uploadMaterial(op, type, i % 2 === 0 ? 'png' : 'pdf');
  await submit(op);
  return op;
}

export async function uploadMaterial(op: OperatorFiling, type: string, kind: 'png' | 'pdf', version = 1): Promise<void> {
  const file = `${type}-v${version}.${kind}`;
  const storagePath = `${op.countyCode}/${op.institutionId}/${op.filingId}/${file}`;
  const { error } = await op.client.storage
    .from('filing-documents')
    .upload(storagePath, kind === 'png' ? PNG_BYTES : PDF_BYTES, { contentType: kind === 'png' ? 'image/png' : 'application/pdf' });
  if (error) throw new Error(`uploading ${file} failed: ${error.message}`);
  must(
    await op.client.rpc('attach_filing_document', { filing_id: op.filingId, material_type: type, storage_path: storagePath, file_name: file }),
    `registering ${file}`,
  );
}

export async function submit(op: OperatorFiling): Promise<void> {
  const row = must(await op.client.rpc('submit_filing', { filing_id: op.filingId, accept_pledge: true }), 'submitting') as {
    status: string;
  };
  if (row.status !== 'submitted') throw new Error(`submitting left the filing ${row.status}`);
}

/** Service-role PATCH of filings (test setup only, e.g. to make a filing overdue). */
export async function patchFilingAsService(env: Env, filingId: string, values: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${env.supabaseUrl}/rest/v1/filings?id=eq.${filingId}`, {
    method: 'PATCH',
    headers: {
      apikey: env.serviceRoleKey,
      authorization: `Bearer ${env.serviceRoleKey}`,
      'content-type': 'application/json',
      prefer: 'return=minimal',
    },
    body: JSON.stringify(values),
  });
  if (!res.ok) throw new Error(`patching filing ${filingId} failed: ${res.status} ${await res.text()}`);
}

type SheetJs = {
  read(data: Buffer, options: { type: 'buffer' }): { SheetNames: string[]; Sheets: Record<string, unknown> };
  utils: { sheet_to_json(sheet: unknown, options: { header: 1; defval: string }): (string | number)[][] };
};

/** The first sheet of an .xlsx file as rows of cells, parsed with the admin's own spreadsheet library. */
export function readXlsx(bytes: Buffer): (string | number)[][] {
  const require = createRequire(path.join(REPO_ROOT, 'admin', 'package.json'));
  const XLSX = require('@e965/xlsx') as SheetJs;
  const book = XLSX.read(bytes, { type: 'buffer' });
  const first = book.SheetNames[0];
  if (!first) throw new Error('the workbook has no sheet');
  return XLSX.utils.sheet_to_json(book.Sheets[first], { header: 1, defval: '' });
}
