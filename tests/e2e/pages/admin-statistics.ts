import type { Page } from 'playwright-core';

/** 指标统计: figure cards (value, target, formula, 查看明细), year selector, ranking, drill-down drawer. */
export class AdminStatisticsPage {
  constructor(readonly page: Page, readonly adminUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.adminUrl}/statistics`);
    await this.ready();
  }

  async ready(): Promise<void> {
    await this.page.locator('[data-testid="statistics-figures"][data-state="ready"]').waitFor({ state: 'visible' });
  }

  async selectYear(year: number): Promise<void> {
    const response = this.page.waitForResponse((r) => r.url().includes('/rest/v1/rpc/region_indicators') && r.request().postData()?.includes(`"year":${year}`) === true);
    await this.page.getByTestId('statistics-year').click();
    await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: `${year}年` }).first().click();
    await response;
    await this.ready();
  }

  /** The shown value of a figure card, e.g. '3,142' or '4.55'. */
  async figure(key: string): Promise<string> {
    return (await this.page.locator(`[data-testid="indicator-${key}"] .ant-statistic-content-value`).innerText()).trim();
  }

  async formula(key: string): Promise<string> {
    return (await this.page.getByTestId(`indicator-${key}-formula`).innerText()).trim();
  }

  async rankingRegions(): Promise<string[]> {
    await this.page.locator('[data-testid="statistics-ranking"] tr.ant-table-row').first().waitFor({ state: 'visible' });
    return (await this.page.getByTestId('ranking-region').allInnerTexts()).map((t) => t.trim());
  }

  /** Opens the rows behind a figure; returns the drawer's title line once the rows are loaded. */
  async drill(key: string): Promise<string> {
    await this.page.getByTestId(`indicator-${key}-drill`).click();
    await this.page.locator('[data-testid="drill-table"][data-state="ready"] tr.ant-table-row').first().waitFor({ state: 'visible' });
    return (await this.page.getByTestId('drill-title').innerText()).trim();
  }

  drillRows() {
    return this.page.locator('[data-testid="drill-table"] tr.ant-table-row');
  }
}
