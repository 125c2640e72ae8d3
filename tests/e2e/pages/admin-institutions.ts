import type { Page } from 'playwright-core';

/** /institutions: the 托育机构 list (RLS-scoped) and its detail page. */
export class AdminInstitutionsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/institutions`);
  }

  async gotoShow(id: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/institutions/${id}`);
  }

  /** Names in the list once it has loaded (empty list → []). */
  async names(): Promise<string[]> {
    await this.page.locator('.ant-table-wrapper').first().waitFor({ state: 'visible' });
    await this.page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
    const rows = this.page.locator('.ant-table-tbody tr.ant-table-row');
    const names: string[] = [];
    for (const row of await rows.all()) names.push((await row.locator('td').first().innerText()).trim());
    return names;
  }

  async searchByName(name: string): Promise<void> {
    await this.page.getByTestId('institutions-search-name').fill(name);
    const response = this.page.waitForResponse(
      (r) => r.url().includes('/rest/v1/institutions?') && r.request().method() === 'GET',
    );
    await this.page.getByTestId('institutions-search-submit').click();
    await response;
    await this.page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
  }

  async detailName(): Promise<string> {
    const el = this.page.getByTestId('institution-name');
    await el.waitFor({ state: 'visible' });
    return (await el.innerText()).trim();
  }

  /** The Chinese "not found or not allowed" / error banner of the detail page. */
  async errorText(): Promise<string> {
    const el = this.page.getByTestId('query-error');
    await el.waitFor({ state: 'visible' });
    return (await el.innerText()).trim();
  }
}
