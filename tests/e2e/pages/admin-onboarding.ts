import type { Page } from 'playwright-core';

async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first().click();
}

/** /institutions/new: the county enters an institution and invites its operator (issue 13 §1). */
export class AdminInstitutionCreatePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/institutions/new`);
    await this.page.getByTestId('institution-create-form').waitFor({ state: 'visible' });
  }

  /** Fills and submits the form; returns the one-time code and link the success dialog shows. */
  async createAndInvite(values: { name: string; ownership: string; model: string; street: string; invitee: string }): Promise<{ code: string; link: string }> {
    await this.page.getByTestId('institution-create-name').fill(values.name);
    await pick(this.page, 'institution-create-ownership', values.ownership);
    await pick(this.page, 'institution-create-model', values.model);
    await pick(this.page, 'institution-create-street', values.street);
    await this.page.getByTestId('institution-create-invitee').fill(values.invitee);
    await this.page.getByTestId('institution-create-submit').click();
    await this.page.getByTestId('invite-issued').waitFor({ state: 'visible' });
    const code = (await this.page.getByTestId('invite-code').innerText()).trim();
    const link = (await this.page.getByTestId('invite-link').innerText()).trim();
    return { code, link };
  }

  async closeDialog(): Promise<void> {
    await this.page.locator('.ant-modal-confirm-btns button').filter({ hasText: '我已记下' }).click();
  }
}

/** /invitations: status per invitee. */
export class AdminInvitationsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/invitations`);
    await this.page.getByTestId('invitation-table').waitFor({ state: 'visible' });
  }

  /** The status label of the invitee's (latest) invitation, once the table shows it. */
  async statusOf(invitee: string): Promise<string> {
    const row = this.page.locator(`tr[data-invitee="${invitee}"]`).first();
    await row.waitFor({ state: 'visible' });
    return (await row.getByTestId('invitation-status').innerText()).trim();
  }
}

/** /invite/<code>: the invitee's page, before sign-in. */
export class InviteAcceptPage {
  constructor(readonly page: Page) {}

  async open(link: string): Promise<void> {
    await this.page.goto(link);
    await this.page.getByTestId('invite-card').waitFor({ state: 'visible' });
  }

  async summary(): Promise<string> {
    const el = this.page.getByTestId('invite-summary');
    await el.waitFor({ state: 'visible' });
    return (await el.innerText()).trim();
  }

  async email(): Promise<string> {
    return this.page.getByTestId('invite-email').inputValue();
  }

  async setPasswordAndAccept(values: { name: string; password: string }): Promise<void> {
    await this.page.getByTestId('invite-name').fill(values.name);
    await this.page.getByTestId('invite-password').fill(values.password);
    await this.page.getByTestId('invite-confirm').fill(values.password);
    await this.page.getByTestId('invite-submit').click();
  }

  async unavailable(): Promise<string> {
    const el = this.page.getByTestId('invite-unavailable');
    await el.waitFor({ state: 'visible' });
    return (await el.innerText()).trim();
  }
}

/** /staff-scopes: 账号与权限. */
export class AdminScopesPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/staff-scopes`);
    await this.page.getByTestId('scope-grant').waitFor({ state: 'visible' });
  }

  /** The roles the grant form offers. */
  async offeredRoles(): Promise<string[]> {
    await this.page.getByTestId('scope-role').click();
    const options = this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await options.first().waitFor({ state: 'visible' });
    const labels = (await options.allInnerTexts()).map((t) => t.trim());
    await this.page.keyboard.press('Escape');
    return labels;
  }

  async grant(values: { role: string; region: string; account: string }): Promise<void> {
    await pick(this.page, 'scope-role', values.role);
    await pick(this.page, 'scope-region', values.region);
    await this.page.getByTestId('scope-account').fill(values.account);
    await this.page.getByTestId('scope-grant-submit').click();
  }

  row(account: string) {
    return this.page.locator(`[data-testid="scope-table"] tr[data-account="${account}"]`);
  }

  async revoke(account: string): Promise<void> {
    await this.row(account).getByTestId('scope-revoke').click();
    await this.page.locator('.ant-popconfirm .ant-btn-dangerous, .ant-popover .ant-btn-dangerous').filter({ hasText: '撤' }).first().click();
  }
}

/** /audit-log: 审计日志. */
export class AdminAuditLogPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/audit-log`);
    await this.page.getByTestId('audit-table').waitFor({ state: 'visible' });
  }

  async filterTable(label: string): Promise<void> {
    await pick(this.page, 'audit-table-filter', label);
    await this.page.getByTestId('audit-search').click();
  }

  /** (table, action) of the rows shown. */
  async rows(): Promise<{ table: string; action: string }[]> {
    return this.page.locator('[data-testid="audit-table"] tr[data-table]').evaluateAll((rows) =>
      rows.map((r) => ({ table: r.getAttribute('data-table') ?? '', action: r.getAttribute('data-action') ?? '' })),
    );
  }
}

/** /members: 机构账号 of the operator's institution(s). */
export class AdminMembersPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/members`);
    await this.page.locator('[data-testid="member-table"] tr[data-member-name]').first().waitFor({ state: 'visible' });
  }

  async names(): Promise<string[]> {
    return this.page.locator('[data-testid="member-table"] tr[data-member-name]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-member-name') ?? ''));
  }

  async inviteStaff(invitee: string): Promise<{ code: string; link: string }> {
    await this.page.getByTestId('member-invitee').fill(invitee);
    await this.page.getByTestId('member-invite').click();
    await this.page.getByTestId('invite-issued').waitFor({ state: 'visible' });
    return {
      code: (await this.page.getByTestId('invite-code').innerText()).trim(),
      link: (await this.page.getByTestId('invite-link').innerText()).trim(),
    };
  }

  async closeDialog(): Promise<void> {
    await this.page.locator('.ant-modal-confirm-btns button').filter({ hasText: '我已记下' }).click();
  }

  async remove(name: string): Promise<void> {
    await this.page.locator(`[data-testid="member-table"] tr[data-member-name="${name}"]`).getByTestId('member-remove').click();
    await this.page.locator('.ant-popover .ant-btn-dangerous').filter({ hasText: '移' }).first().click();
  }
}
