/**
 * Accounts for the admin browser tests: the demo users of supabase/demo-accounts.json (written by
 * the core-schema migration), looked up by role and region name. Until that file exists, a fresh
 * user is created through GoTrue's admin API for tests that only need "some signed-in person".
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@tuoyu/local-supabase/testing.ts';

export type DemoAccount = {
  email: string;
  password: string;
  role: string;
  /** `region_name` of the entry (e.g. 汶上县), when it has one. */
  regionName: string | null;
  /** Everything else the file says about the account (region, institution …), flattened to text. */
  description: string;
};

const DEMO_ACCOUNTS_FILE = path.join(REPO_ROOT, 'supabase', 'demo-accounts.json');

function asAccounts(raw: unknown): DemoAccount[] {
  const list = Array.isArray(raw)
    ? raw
    : typeof raw === 'object' && raw !== null
      ? (Object.values(raw).find(Array.isArray) ?? [])
      : [];
  return (list as Record<string, unknown>[])
    .filter((a) => typeof a?.['email'] === 'string' && typeof a?.['password'] === 'string')
    .map((a) => ({
      email: a['email'] as string,
      password: a['password'] as string,
      role: String(a['role'] ?? ''),
      regionName: typeof a['region_name'] === 'string' ? a['region_name'] : null,
      description: JSON.stringify(a),
    }));
}

export function demoAccounts(): DemoAccount[] {
  if (!existsSync(DEMO_ACCOUNTS_FILE)) return [];
  return asAccounts(JSON.parse(readFileSync(DEMO_ACCOUNTS_FILE, 'utf8')));
}

/** The demo account with this role whose region is named like `regionText` (e.g. '汶上'), if any. */
export function findDemoAccount(role: string, regionText?: string): DemoAccount | undefined {
  return demoAccounts().find(
    (a) => a.role === role && (!regionText || (a.regionName ?? a.description).includes(regionText)),
  );
}

/** A staff demo account if there is one, else a new confirmed user made with the service role. */
export async function anySignedInAccount(supabaseUrl: string, serviceRoleKey: string): Promise<DemoAccount> {
  const demo = findDemoAccount('county_admin') ?? demoAccounts()[0];
  if (demo) return demo;
  const email = `e2e-admin-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = 'E2e-password-2026!';
  const res = await fetch(`${supabaseUrl}/auth/v1/admin/users`, {
    method: 'POST',
    headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, email_confirm: true }),
  });
  if (!res.ok) throw new Error(`creating a test user failed: ${res.status} ${await res.text()}`);
  return { email, password, role: 'family', regionName: null, description: '{}' };
}
