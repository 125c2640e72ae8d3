import type { Page } from 'playwright-core';

/** /staff-registry: the county's 从业人员登记 (duplicate and expiry warnings). */
export class AdminStaffRegistryPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/staff-registry`);
    await this.page.locator('[data-testid="staff-registry-table"] tbody tr[data-testid^="staff-registry-row-"]').first().waitFor({ state: 'visible' });
  }

  duplicateWarning() {
    return this.page.getByTestId('staff-duplicate-warning');
  }

  async duplicateItems(): Promise<string[]> {
    await this.duplicateWarning().waitFor({ state: 'visible' });
    return (await this.page.getByTestId('staff-duplicate-item').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  row(name: string) {
    return this.page.locator(`tr[data-testid="staff-registry-row-${name}"]`);
  }
}

/** /subsidies: 托育补贴 (the county's review tab). */
export class AdminSubsidyPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/subsidies`);
    await this.page.getByTestId('subsidy-formula').waitFor({ state: 'visible' });
  }

  async openTab(label: string): Promise<void> {
    await this.page.getByRole('tab', { name: label }).click();
  }

  row(institutionName: string) {
    return this.page.locator(`tr[data-testid="subsidy-row-${institutionName}"]`).first();
  }

  async approve(institutionName: string): Promise<void> {
    await this.row(institutionName).getByTestId('subsidy-approve').click();
  }
}

/** /open-data: the public registry download page (no sign-in). */
export class AdminOpenDataPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/open-data`);
    await this.page.getByTestId('open-data-page').waitFor({ state: 'visible' });
  }

  /** Pick province → city → county by their names. */
  async choose(...names: string[]): Promise<void> {
    const ids = ['open-data-province', 'open-data-city', 'open-data-county'];
    for (const [i, name] of names.entries()) {
      await this.page.getByTestId(ids[i]!).click();
      await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: name }).first().click();
    }
  }

  rows() {
    return this.page.locator('[data-testid="open-data-table"] tbody tr.ant-table-row');
  }

  /** The region whose rows the table shows (once its query answered) and how many there are. */
  async shown(): Promise<{ region: string | null; count: number }> {
    const table = this.page.getByTestId('open-data-table');
    return { region: await table.getAttribute('data-region'), count: Number(await table.getAttribute('data-count')) };
  }
}
