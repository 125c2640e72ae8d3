/**
 * Issue 13 §1 screens in real Chromium: the 汶上县 county admin grants a fresh account the 检查员
 * scope on 账号与权限 (only inspector and community worker are offered — admin roles come from the
 * level above), the inspector sees the registry; the county revokes it and the inspector's next
 * load shows no jurisdiction; 审计日志 lists the grant and the revocation and exports to Excel.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectNoPageErrors, launchBrowser, saveScreenshot } from '../support/browser.ts';
import { findDemoAccount } from '../pages/admin-accounts.ts';
import { AdminAuditLogPage, AdminScopesPage } from '../pages/admin-onboarding.ts';
import { adminPageAs } from '../pages/admin-session.ts';

const supabaseUrl = inject('supabaseUrl');
const serviceRoleKey = inject('serviceRoleKey');
const adminUrl = inject('adminUrl');
const wenshangAdmin = findDemoAccount('county_admin', '汶上');
const person = { email: `e2e-scope-${Date.now().toString(36)}@example.test`, password: 'Scope-2026!' };

let browser: Browser & { cleanup(): Promise<void> };

describe.skipIf(!wenshangAdmin)('账号与权限 and 审计日志', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    const res = await fetch(`${supabaseUrl}/auth/v1/admin/users`, {
      method: 'POST',
      headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...person, email_confirm: true, user_metadata: { display_name: '新检查员' } }),
    });
    if (!res.ok) throw new Error(`creating the account failed: ${res.status} ${await res.text()}`);
  });
  afterAll(async () => {
    await browser?.cleanup();
  });

  it('the county grants 检查员, the inspector sees the registry; revoked, the next load shows nothing', async () => {
    const county = await adminPageAs(browser, wenshangAdmin!);
    const scopes = new AdminScopesPage(county, adminUrl);
    await scopes.goto();
    expect(await scopes.offeredRoles()).toEqual(['检查员', '社区工作者']);
    await scopes.grant({ role: '检查员', region: '汶上县', account: person.email });
    await scopes.row(person.email).waitFor({ state: 'visible' });
    expect(await scopes.row(person.email).innerText()).toContain('检查员');
    await saveScreenshot(county, 'admin-accounts-scopes');

    const inspector = await adminPageAs(browser, person, '/institutions');
    await inspector.getByTestId('institutions-table').waitFor({ state: 'visible' });

    await scopes.revoke(person.email);
    await scopes.row(person.email).waitFor({ state: 'detached' });
    await inspector.reload();
    await inspector.goto(`${adminUrl}/institutions`);
    await inspector.getByTestId('institutions-none').waitFor({ state: 'visible' });

    const audit = new AdminAuditLogPage(county, adminUrl);
    await audit.goto();
    await audit.filterTable('管辖授权');
    // the filtered list, once the table shows it (read together: the unfiltered list may show the
    // same two events first)
    await expect
      .poll(async () => {
        const rows = await audit.rows();
        return { latest: rows.map((r) => r.action).slice(0, 2), tables: new Set(rows.map((r) => r.table)) };
      })
      .toEqual({ latest: ['DELETE', 'INSERT'], tables: new Set(['staff_scopes']) });
    const download = county.waitForEvent('download');
    await county.getByTestId('audit-export').click();
    expect((await download).suggestedFilename()).toMatch(/^审计日志-\d{8}\.xlsx$/);
    await saveScreenshot(county, 'admin-accounts-audit');
    expectNoPageErrors(county);
    expectNoPageErrors(inspector);
  });
});
