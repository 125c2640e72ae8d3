import type { Page } from 'playwright-core';

/** /enrollment: the operator's 入托管理 (requests per class type, roster per class). */
export class AdminEnrollmentPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/enrollment`);
    await this.page.locator('[data-testid="enrollment-requests"][data-state="ready"]').waitFor({ state: 'visible' });
  }

  request(requestId: string) {
    return this.page.locator(`tr[data-request-id="${requestId}"]`);
  }

  async requestText(requestId: string): Promise<string> {
    await this.request(requestId).waitFor({ state: 'visible' });
    return (await this.request(requestId).innerText()).replace(/\s+/g, ' ').trim();
  }

  /** 录取 into the class whose name contains `className`, with the default deadline. */
  async offer(requestId: string, className: string): Promise<void> {
    await this.request(requestId).getByTestId('enrollment-offer').click();
    await this.page.getByTestId('enrollment-offer-class').click();
    await this.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: className })
      .first()
      .click();
    await this.page.getByTestId('enrollment-offer-submit').click();
  }

  status(requestId: string) {
    return this.request(requestId).getByTestId('enrollment-status');
  }
}
