import type { Locator, Page } from 'playwright-core';

export type ChecklistEntry = { code: string; title: string; source: string; active: boolean };

/** /inspection-checklist: the effective 检查清单 of the signed-in admin's (or inspector's) region. */
export class AdminChecklistPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  private get table(): Locator {
    return this.page.locator('[data-testid="checklist-table"][data-state="ready"]');
  }

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/inspection-checklist`);
    await this.table.locator('tr.ant-table-row').first().waitFor({ state: 'visible' });
  }

  async entries(): Promise<ChecklistEntry[]> {
    await this.table.waitFor({ state: 'visible' });
    const result: ChecklistEntry[] = [];
    for (const row of await this.table.locator('tr.ant-table-row').all()) {
      result.push({
        code: (await row.getAttribute('data-code')) ?? '',
        title: (await row.getByTestId('checklist-title').innerText()).trim(),
        source: (await row.getByTestId('checklist-source').innerText()).trim(),
        active: (await row.getAttribute('data-active')) === 'true',
      });
    }
    return result;
  }

  row(title: string): Locator {
    return this.table.locator('tr.ant-table-row').filter({ has: this.page.getByTestId('checklist-title').getByText(title, { exact: true }) });
  }

  async canManage(): Promise<boolean> {
    return (await this.page.getByTestId('checklist-add').count()) > 0;
  }

  async add(item: { title: string; requirement: string }): Promise<void> {
    await this.page.getByTestId('checklist-add').click();
    await this.page.getByTestId('checklist-form-title').fill(item.title);
    await this.page.getByTestId('checklist-form-requirement').fill(item.requirement);
    await this.page.getByTestId('checklist-save').click();
    await this.row(item.title).waitFor({ state: 'visible' });
  }

  /** Delete the region's own row (an added item, or an override: the inherited one comes back). */
  async remove(title: string): Promise<void> {
    await this.row(title).getByTestId('checklist-restore').click();
    await this.page.locator('.ant-popconfirm .ant-btn-primary').click();
    await this.row(title).waitFor({ state: 'detached' });
  }
}
