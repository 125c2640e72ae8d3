import type { Page } from 'playwright-core';

/** /reviews: 评价管理 (operators reply once; county admins hide with a reason or restore). */
export class AdminReviewsPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/reviews`);
    await this.page.locator('[data-testid="reviews-admin"][data-state="ready"]').waitFor({ state: 'visible' });
  }

  /** The table row of the review whose text contains `body`. */
  row(body: string) {
    return this.page.locator('tr[data-review-id]').filter({ hasText: body });
  }

  async reply(body: string, reply: string): Promise<void> {
    await this.row(body).getByTestId('review-admin-reply-open').click();
    await this.page.getByTestId('review-admin-reply-text').fill(reply);
    await this.page.getByTestId('review-admin-reply-submit').click();
    await this.row(body).getByTestId('review-admin-reply').waitFor({ state: 'visible' });
  }
}
