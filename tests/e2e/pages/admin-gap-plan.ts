import type { Page } from 'playwright-core';

/** 缺口规划: four cards (托位缺口, 没有普惠机构的街道, 服务圈外的居民点, 新增托位候选), each with an XLSX export. */
export class AdminGapPlanPage {
  constructor(readonly page: Page, readonly adminUrl: string) {}

  async goto(year?: number): Promise<void> {
    await this.page.goto(`${this.adminUrl}/gap-plan${year ? `?year=${year}` : ''}`);
    await this.ready();
  }

  /** Every card has answered (its table shows rows or its empty state). */
  async ready(): Promise<void> {
    for (const part of ['gap-regions', 'gap-streets', 'gap-uncovered', 'gap-candidates']) {
      await this.page.locator(`[data-testid="${part}"][data-state="ready"] :is(tr.ant-table-row, tr.ant-table-placeholder)`).first().waitFor({ state: 'visible' });
    }
  }

  async streetsWithoutAffordable(): Promise<string[]> {
    return (await this.page.getByTestId('gap-street-name').allInnerTexts()).map((t) => t.trim());
  }

  async regionsLacking(): Promise<string[]> {
    const rows = this.page.locator('[data-testid="gap-regions"] tr.ant-table-row').filter({ has: this.page.getByTestId('gap-lacking') });
    return (await rows.getByTestId('gap-region-name').allInnerTexts()).map((t) => t.trim());
  }

  uncoveredAreas() {
    return this.page.getByTestId('gap-area-name');
  }

  candidateRows() {
    return this.page.getByTestId('gap-candidate-row');
  }
}
