import type { Page } from 'playwright-core';

/** /subsidy-rules: 补贴标准 (the rules in force for a region and year; the region's own are edited). */
export class AdminSubsidyRulesPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/subsidy-rules`);
    await this.page.getByTestId('subsidy-rules-resolution').waitFor({ state: 'visible' });
  }

  /** The row of a rule: kind operating with a class type, or construction ('slot'). */
  row(kind: 'operating' | 'construction', classType: string | null) {
    return this.page.locator(`tr[data-testid="subsidy-rule-${kind}-${classType ?? 'slot'}"]`);
  }

  async amount(kind: 'operating' | 'construction', classType: string | null): Promise<string> {
    const cell = this.row(kind, classType).getByTestId('subsidy-rule-amount');
    await cell.waitFor({ state: 'visible' });
    return (await cell.innerText()).trim();
  }

  async source(kind: 'operating' | 'construction', classType: string | null): Promise<{ text: string; region: string | null }> {
    const tag = this.row(kind, classType).getByTestId('subsidy-rule-source');
    await tag.waitFor({ state: 'visible' });
    return { text: (await tag.innerText()).trim(), region: await tag.getAttribute('data-source') };
  }

  async chooseRegion(name: string): Promise<void> {
    await this.page.getByTestId('subsidy-rules-region').click();
    await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: name }).first().click();
  }

  /** Open 修改 on a rule, type an amount and save; returns the form's error if it refused. */
  async openEdit(kind: 'operating' | 'construction', classType: string | null): Promise<void> {
    await this.row(kind, classType).getByTestId('subsidy-rule-edit').click();
    await this.page.getByTestId('subsidy-rule-form').waitFor({ state: 'visible' });
  }

  async typeAmount(amount: string): Promise<void> {
    const input = this.page.getByTestId('subsidy-rule-amount-input');
    await input.fill(amount);
  }

  async save(): Promise<void> {
    await this.page.getByTestId('subsidy-rule-save').click();
  }

  async formError(): Promise<string> {
    const error = this.page.locator('[data-testid="subsidy-rule-form"] .ant-form-item-explain-error').first();
    await error.waitFor({ state: 'visible' });
    return (await error.innerText()).trim();
  }

  async waitClosed(): Promise<void> {
    await this.page.getByTestId('subsidy-rule-form').waitFor({ state: 'detached' });
  }
}
