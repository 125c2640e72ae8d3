import type { Page } from 'playwright-core';

export type ComplaintEntry = { id: string; trackingNo: string; urgent: boolean; overdue: boolean; status: string };

/** /complaints: the county's 投诉处理 queue and one complaint with its timeline and actions. */
export class AdminComplaintsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async gotoQueue(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/complaints`);
    await this.page.locator('[data-testid="complaint-table"][data-state="ready"]').waitFor({ state: 'visible' });
  }

  async entries(): Promise<ComplaintEntry[]> {
    const rows = this.page.locator('[data-testid="complaint-table"] tr.ant-table-row');
    await rows.first().waitFor({ state: 'visible' });
    const result: ComplaintEntry[] = [];
    for (const row of await rows.all()) {
      result.push({
        id: (await row.getAttribute('data-complaint-id')) ?? '',
        trackingNo: (await row.getByTestId('complaint-open').innerText()).trim(),
        urgent: (await row.getByTestId('complaint-urgent').count()) > 0,
        overdue: (await row.getAttribute('data-overdue')) === 'true',
        status: (await row.getByTestId('complaint-status').innerText()).trim(),
      });
    }
    return result;
  }

  async open(trackingNo: string): Promise<void> {
    await this.page.getByTestId('complaint-open').filter({ hasText: trackingNo }).click();
    await this.page.getByTestId('complaint-detail').waitFor({ state: 'visible' });
  }

  async status(): Promise<string> {
    return (await this.page.getByTestId('complaint-detail-status').innerText()).trim();
  }

  /** Waits until the detail shows this status (after an action). */
  async waitForStatus(label: string): Promise<void> {
    await this.page.getByTestId('complaint-detail-status').filter({ hasText: label }).waitFor({ state: 'visible' });
  }

  async accept(): Promise<void> {
    await this.page.getByTestId('complaint-accept').click();
  }

  /** 转办 to an inspector of the county, picked by (part of) the name shown. */
  async assignToInspector(name: string): Promise<void> {
    await this.page.getByTestId('complaint-assign').click();
    await this.page.getByTestId('complaint-assign-inspector').click();
    await this.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: name })
      .first()
      .click();
    await this.page.getByTestId('complaint-assign-submit').click();
  }

  inspectorOptionsText() {
    return this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').allInnerTexts();
  }

  async timeline(): Promise<string[]> {
    return (await this.page.getByTestId('complaint-timeline-item').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  assignee() {
    return this.page.getByTestId('complaint-detail-assignee');
  }
}
