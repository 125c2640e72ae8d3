import type { Download, Page } from 'playwright-core';

export type QueueEntry = { id: string; name: string; status: string; countdown: string; overdue: boolean; deadline: string };

/** /filing-reviews: the county's 备案审核 queue with filters, countdown and XLSX export. */
export class AdminReviewQueuePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/filing-reviews`);
    await this.waitForRows();
  }

  async waitForRows(): Promise<void> {
    await this.page.locator('[data-testid="queue-table"][data-state="ready"]').waitFor({ state: 'visible' });
  }

  /** The rows currently shown (first page). */
  async entries(): Promise<QueueEntry[]> {
    await this.waitForRows();
    const rows = this.page.locator('[data-testid="queue-table"] tr.ant-table-row');
    const result: QueueEntry[] = [];
    for (const row of await rows.all()) {
      const cells = row.locator('td');
      result.push({
        id: (await row.getAttribute('data-filing-id')) ?? '',
        name: (await cells.nth(0).innerText()).trim(),
        status: (await cells.nth(2).innerText()).trim(),
        deadline: (await cells.nth(5).innerText()).trim(),
        countdown: (await cells.nth(6).innerText()).trim(),
        overdue: (await row.getAttribute('data-overdue')) === 'true',
      });
    }
    return result;
  }

  /** Runs a search: every argument not given is left as it is. */
  async search(options: { name?: string; overdue?: boolean; status?: string }): Promise<void> {
    if (options.name !== undefined) await this.page.getByTestId('queue-search-name').fill(options.name);
    if (options.overdue !== undefined) {
      const toggle = this.page.getByTestId('queue-filter-overdue');
      if ((await toggle.getAttribute('aria-checked')) !== String(options.overdue)) await toggle.click();
    }
    if (options.status !== undefined) {
      await this.page.getByTestId('queue-filter-status').click();
      await this.page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: options.status })
        .first()
        .click();
    }
    const response = this.page.waitForResponse((r) => r.url().includes('/rest/v1/filing_review_queue?'));
    await this.page.getByTestId('queue-search-submit').click();
    await response;
    await this.waitForRows();
  }

  async open(filingId: string): Promise<void> {
    await this.page.getByTestId(`queue-open-${filingId}`).click();
  }

  async export(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('queue-export').click();
    return download;
  }
}
