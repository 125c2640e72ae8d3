import type { Page } from 'playwright-core';

export type RegionRowText = { code: string; name: string; level: string; parent: string };

/** /regions: the 行政区划 list (search by name, filter by level, server pagination). */
export class AdminRegionsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/regions`);
  }

  private rows() {
    return this.page.locator('.ant-table-tbody tr.ant-table-row');
  }

  /** Waits until the table has finished loading, then reads its rows. */
  async readRows(): Promise<RegionRowText[]> {
    await this.page.locator('.ant-table-wrapper').first().waitFor({ state: 'visible' });
    await this.page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
    const rows = await this.rows().all();
    const out: RegionRowText[] = [];
    for (const row of rows) {
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
      out.push({ code: cells[0] ?? '', name: cells[1] ?? '', level: cells[2] ?? '', parent: cells[3] ?? '' });
    }
    return out;
  }

  async waitForRow(name: string): Promise<void> {
    await this.rows().filter({ hasText: name }).first().waitFor({ state: 'visible' });
  }

  /** Submits the search form and waits for the list request it causes (each query must be new). */
  private async submit(): Promise<void> {
    const response = this.page.waitForResponse(
      (r) => r.url().includes('/rest/v1/regions?') && r.request().method() === 'GET',
    );
    await this.page.getByTestId('regions-search-submit').click();
    await response;
    await this.page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
  }

  async searchByName(name: string): Promise<void> {
    await this.page.getByTestId('regions-search-name').fill(name);
    await this.submit();
  }

  async filterByLevel(label: string): Promise<void> {
    await this.page.getByTestId('regions-filter-level').click();
    await this.page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: label }).first().click();
    await this.submit();
  }

  async columnHeaders(): Promise<string[]> {
    return (await this.page.locator('.ant-table-thead th').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  emptyState() {
    return this.page.getByTestId('empty-state');
  }
}
