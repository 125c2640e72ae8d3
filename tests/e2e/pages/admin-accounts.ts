/**
 * Accounts for the admin browser tests: the demo personas of tests/support/fixtures.ts, looked up by
 * role and region name; a fresh user is created through GoTrue's admin API for tests that only need
 * "some signed-in person" when no demo account fits.
 */
import { DEMO_ACCOUNTS } from '../../support/fixtures.ts';

export type DemoAccount = {
  email: string;
  password: string;
  role: string;
  /** `region_name` of the entry (e.g. 汶上县), when it has one. */
  regionName: string | null;
  /** Everything else the file says about the account (region, institution …), flattened to text. */
  description: string;
};

/** The demo accounts of the shared fixtures, in the shape the browser tests look them up by. */
export function demoAccounts(): DemoAccount[] {
  return DEMO_ACCOUNTS.map((a) => ({
    email: a.email,
    password: a.password,
    role: a.role,
    regionName: a.region_name ?? null,
    description: JSON.stringify(a),
  }));
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
