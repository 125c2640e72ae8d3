import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A click inside a retry loop: short, since the loop asks again (a busy machine just loops more). */
const CLICK_RETRY_MS = 5_000;

/** 人口与目标: the targets table (own / inherited cells), the edit dialog. */
export class AdminTargetsPage {
  constructor(readonly page: Page, readonly adminUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.adminUrl}/region-targets`);
    await this.ready();
  }

  async ready(): Promise<void> {
    await this.page.locator('[data-testid="targets-table"][data-state="ready"] tr.ant-table-row').first().waitFor({ state: 'visible' });
  }

  cell(region: string, metric: string): Locator {
    return this.page.getByTestId(`target-${region}-${metric}`);
  }

  /** 'own' | 'inherited' | 'none' and the cell's text. */
  async target(region: string, metric: string): Promise<{ source: string | null; text: string }> {
    const cell = this.cell(region, metric);
    return { source: await cell.getAttribute('data-source'), text: (await cell.innerText()).replace(/\s+/g, ' ').trim() };
  }

  async open(region: string, metric: string): Promise<Locator> {
    await this.page.getByTestId(`target-${region}-${metric}-edit`).click();
    const dialog = this.page.locator('.ant-modal').filter({ has: this.page.getByTestId('target-form') });
    await dialog.waitFor({ state: 'visible' });
    return dialog;
  }

  /** Types a value and presses 保存 (the form may refuse it). */
  async enter(dialog: Locator, value: string): Promise<void> {
    const input = dialog.locator('[data-testid="target-value"] input, input[data-testid="target-value"]').first();
    await input.fill(value);
    await dialog.getByTestId('target-save').click();
  }

  async population(region: string): Promise<string> {
    return (await this.page.getByTestId(`population-${region}`).innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Opens the population dialog of a region, fills it and presses 保存 (the form may refuse it). */
  async enterPopulation(region: string, values: { resident: string; under3: string; source: string }): Promise<Locator> {
    const dialog = this.page.locator('.ant-modal').filter({ has: this.page.getByTestId('population-form') });
    if (!(await dialog.isVisible())) {
      await this.page.getByTestId(`population-edit-${region}`).click();
      await dialog.waitFor({ state: 'visible' });
    }
    await dialog.locator('[data-testid="population-resident"] input, input[data-testid="population-resident"]').first().fill(values.resident);
    await dialog.locator('[data-testid="population-under3"] input, input[data-testid="population-under3"]').first().fill(values.under3);
    await dialog.getByTestId('population-source').fill(values.source);
    await dialog.getByTestId('population-save').click();
    return dialog;
  }

  async clearPopulation(region: string): Promise<void> {
    await this.page.getByTestId(`population-edit-${region}`).click();
    const dialog = this.page.locator('.ant-modal').filter({ has: this.page.getByTestId('population-form') });
    const confirm = this.page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary').first();
    // Not while it is clearing (the button spins, then the dialog closes and takes it away).
    const clear = dialog.locator('[data-testid="population-clear"]:not(.ant-btn-loading)');
    // A click during the popconfirm's opening animation can be lost: ask again until the dialog
    // closes. Each click is bounded by CLICK_RETRY_MS: a button that leaves the page as it is
    // clicked would otherwise hold the loop for the whole action timeout (seen: 60 s).
    await expect
      .poll(async () => {
        if (!(await dialog.isVisible())) return false;
        if (await confirm.isVisible()) await confirm.click({ timeout: CLICK_RETRY_MS }).catch(() => undefined);
        else if (await clear.isVisible()) await clear.click({ timeout: CLICK_RETRY_MS }).catch(() => undefined);
        return dialog.isVisible();
      })
      .toBe(false);
  }

  async clear(dialog: Locator): Promise<void> {
    await dialog.getByTestId('target-clear').click();
    await this.page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary').first().click();
    await dialog.waitFor({ state: 'hidden' });
  }
}

/** 通报: opened for a period by its address; title, rows, 未达标 list, export. */
export class AdminBulletinPage {
  constructor(readonly page: Page, readonly adminUrl: string) {}

  async goto(kind: 'month' | 'week', date: string): Promise<void> {
    await this.page.goto(`${this.adminUrl}/bulletins?kind=${kind}&date=${date}`);
    await this.page.getByTestId('bulletin-table').waitFor({ state: 'visible' });
  }

  async title(): Promise<string> {
    return (await this.page.getByTestId('bulletin-title').innerText()).trim();
  }

  async behind(): Promise<string[]> {
    return (await this.page.getByTestId('bulletin-behind-item').allInnerTexts()).map((t) => t.trim());
  }

  rows(): Locator {
    return this.page.getByTestId('bulletin-row');
  }
}
