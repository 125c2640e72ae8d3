import type { Page } from 'playwright-core';

/** /workbench — every role's home: its kinds of work with counts, items and days left. */
export class AdminWorkbench {
  constructor(readonly page: Page) {}

  /** Waits for the landing after sign-in and returns the role the page says it shows. */
  async waitForLanding(): Promise<string> {
    await this.page.waitForURL((url) => url.pathname === '/workbench');
    const root = this.page.getByTestId('workbench');
    await root.waitFor({ state: 'visible' });
    return (await root.getAttribute('data-role')) ?? '';
  }

  kind(kind: string) {
    return this.page.getByTestId(`work-kind-${kind}`);
  }

  /** One kind's count and its items (title + days-left text) as shown. */
  async readKind(kind: string): Promise<{ total: number; items: { title: string; daysLeft: string }[] }> {
    const card = this.kind(kind);
    await card.waitFor({ state: 'visible' });
    const items = [];
    for (const item of await card.getByTestId('work-item').all()) {
      const tag = item.getByTestId('work-days-left');
      items.push({
        title: (await item.locator('a, .ant-typography').first().innerText()).trim(),
        daysLeft: (await tag.count()) > 0 ? (await tag.innerText()).trim() : '',
      });
    }
    return { total: Number(await card.getAttribute('data-total')), items };
  }
}
