import type { Page } from 'playwright-core';

/** 1×1 PNG and a one-page PDF, made in the test (small real files of the two previewed kinds). */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** /filings (list), /filings/new (kind), /filings/:id/edit (wizard) and /filings/:id (status page). */
export class AdminOperatorFilingPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async gotoNew(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/filings/new`);
    await this.page.getByTestId('filing-create').waitFor({ state: 'visible' });
  }

  async gotoStatus(filingId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/filings/${filingId}`);
  }

  /** Kinds the wizard offers for the selected institution (new / change / cancel). */
  async offeredKinds(): Promise<string[]> {
    const group = this.page.getByTestId('filing-create-kind');
    await group.waitFor({ state: 'visible' });
    return this.page.locator('[data-testid^="filing-kind-"]').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid')!.replace('filing-kind-', '')),
    );
  }

  async startKind(kind: string): Promise<void> {
    await this.page.getByTestId(`filing-kind-${kind}`).click();
    await this.page.getByTestId('filing-create-next').click();
    await this.page.getByTestId('filing-wizard').waitFor({ state: 'visible' });
  }

  filingIdFromUrl(): string {
    const match = /\/filings\/([0-9a-f-]{36})/.exec(this.page.url());
    if (!match?.[1]) throw new Error(`no filing id in ${this.page.url()}`);
    return match[1];
  }

  async fillChangeForm(values: { representative: string; contact: string; phone: string; item: string; description: string; stopAtChanges?: boolean }): Promise<void> {
    await this.page.getByTestId('filing-step-form').waitFor({ state: 'visible' });
    await this.page.getByTestId('filing-form-legal-representative').fill(values.representative);
    await this.page.getByTestId('filing-form-contact-person').fill(values.contact);
    await this.page.getByTestId('filing-form-contact-phone').fill(values.phone);
    const item = this.page.getByTestId('filing-form-change-items').getByText(values.item, { exact: true });
    if (!(await item.locator('xpath=ancestor::label').first().getAttribute('class'))?.includes('checked')) await item.click();
    await this.page.getByTestId('filing-form-change-description').fill(values.description);
    await this.page.getByTestId('filing-form-next').click();
    await this.page.getByTestId('filing-step-changes').waitFor({ state: 'visible' });
    if (values.stopAtChanges) return;
    // 变更事项: keep the proposal already saved (e.g. the seeded draft's)
    await this.saveChanges();
    await this.page.getByTestId('filing-step-materials').waitFor({ state: 'visible' });
  }

  // 变更事项 (the proposal of a change filing) ------------------------------------------------------------

  private changeInput(testId: string) {
    return this.page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
  }

  /** The capacity of the n-th class on the 变更事项 step, as shown. */
  async classCapacity(index: number): Promise<string> {
    const input = this.changeInput(`change-class-capacity-${index}`);
    await input.waitFor({ state: 'visible' });
    return input.inputValue();
  }

  async setClassCapacity(index: number, capacity: number): Promise<void> {
    const input = this.changeInput(`change-class-capacity-${index}`);
    await input.fill(String(capacity));
    await input.blur();
  }

  /** 保存并下一步 on the 变更事项 step (stays there when the proposal is refused). */
  async saveChanges(): Promise<void> {
    await this.page.getByTestId('change-next').click();
  }

  async changeError(): Promise<string> {
    const el = this.page.getByTestId('change-error');
    await el.waitFor({ state: 'visible' });
    return (await el.innerText()).trim();
  }

  /** A before/after table (`change-diff` on the submit step, `change-preview` on the 变更事项 step): label → [before, after]. */
  async diff(testId = 'change-diff'): Promise<Record<string, [string, string]>> {
    const rows = this.page.locator(`[data-testid="${testId}"] tr.ant-table-row`);
    await rows.first().waitFor({ state: 'visible' });
    const result: Record<string, [string, string]> = {};
    for (const row of await rows.all()) {
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
      result[cells[0] ?? ''] = [cells[1] ?? '', cells[2] ?? ''];
    }
    return result;
  }

  /** Material cards shown on the materials step, by material type. */
  async materialTypes(): Promise<string[]> {
    return this.page.locator('[data-testid^="material-"][data-uploaded]').evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid')!.replace('material-', '')),
    );
  }

  async upload(material: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId(`material-${material}`).locator('input[type=file]').setInputFiles(file);
  }

  async waitUploaded(material: string): Promise<void> {
    await this.page.locator(`[data-testid="material-${material}"][data-uploaded="true"]`).waitFor({ state: 'visible' });
  }

  async uploadError(material: string): Promise<string> {
    const el = this.page.getByTestId(`material-error-${material}`);
    await el.waitFor({ state: 'visible' });
    return (await el.innerText()).trim();
  }

  async toSubmitStep(): Promise<void> {
    // With several embedded PDF viewers still initialising below the button, Chromium sometimes
    // loses the first click (the story's full-page screenshot right before makes it likely):
    // click again until the step changes (the step is a URL parameter; clicking twice is harmless).
    const submitStep = this.page.getByTestId('filing-step-submit');
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await submitStep.isVisible()) return;
      await this.page.getByTestId('filing-materials-next').click();
      if (await submitStep.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) return;
    }
    await submitStep.waitFor({ state: 'visible' });
  }

  async submitEnabled(): Promise<boolean> {
    return this.page.getByTestId('filing-submit').isEnabled();
  }

  async acceptPledge(): Promise<void> {
    await this.page.getByTestId('filing-pledge').click();
  }

  /** Double-clicks 提交备案 (the button is disabled while the RPC runs; the RPC is idempotent). */
  async submitTwice(): Promise<void> {
    await this.page.getByTestId('filing-submit').dblclick();
  }

  async waitForStatusPage(): Promise<void> {
    await this.page.getByTestId('filing-status-page').waitFor({ state: 'visible' });
  }

  async status(): Promise<{ label: string; code: string | null }> {
    const tag = this.page.getByTestId('filing-status-page').getByTestId('filing-status').first();
    await tag.waitFor({ state: 'visible' });
    return { label: (await this.page.getByTestId('filing-status-label').innerText()).trim(), code: await tag.getAttribute('data-status') };
  }

  async deadline(): Promise<string> {
    return (await this.page.getByTestId('filing-deadline').innerText()).trim();
  }

  async daysLeft(): Promise<string> {
    const el = this.page.getByTestId('filing-days-left');
    await el.waitFor({ state: 'visible' });
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="filing-days-left"]')?.textContent?.includes('计算中'));
    return (await el.innerText()).trim();
  }

  async historyStatuses(): Promise<string[]> {
    await this.page.getByTestId('status-history-item').first().waitFor({ state: 'visible' });
    return this.page.getByTestId('status-history-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
  }
}
