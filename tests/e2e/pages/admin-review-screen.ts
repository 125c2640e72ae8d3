import { filingVerificationUrl } from '@tuoyu/domain';
import type { Download, Page } from 'playwright-core';
import { expect } from 'vitest';

/** /filing-reviews/:id (review screen), its certificate print view, the registry and /verify. */
export class AdminReviewScreen {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(filingId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/filing-reviews/${filingId}`);
  }

  /** 变更前后对照 of a change filing: field label → [before, after] as shown. */
  async changeDiff(): Promise<Record<string, [string, string]>> {
    const rows = this.page.locator('[data-testid="change-diff"] tr.ant-table-row');
    await rows.first().waitFor({ state: 'visible' });
    const result: Record<string, [string, string]> = {};
    for (const row of await rows.all()) {
      const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
      result[cells[0] ?? ''] = [cells[1] ?? '', cells[2] ?? ''];
    }
    return result;
  }

  async waitForStatus(status: string): Promise<void> {
    await this.page.locator(`[data-testid="review-screen"][data-filing-status="${status}"]`).waitFor({ state: 'visible' });
  }

  async institutionName(): Promise<string> {
    return (await this.page.getByTestId('review-institution-name').innerText()).trim();
  }

  async startReview(): Promise<void> {
    await this.page.getByTestId('decision-start').click();
    await this.waitForStatus('under_review');
  }

  /** Marks one material; each mark is saved as the reviewer goes (waits for 已保存). */
  async markMaterial(type: string, verdict: '合格' | '不合格', note?: string): Promise<void> {
    const option = this.page.getByTestId(`material-verdict-${type}`).locator('.ant-radio-button-wrapper').filter({ hasText: new RegExp(`^${verdict}$`) });
    const checked = async () => (await option.getAttribute('class'))?.includes('ant-radio-button-wrapper-checked') ?? false;
    // A mark kept from before (saved as the reviewer went, or by an earlier round) needs no click.
    if (!(await checked())) {
      // Chromium may route a click to an embedded PDF viewer that is still starting next to the
      // button (seen with a page of PDFs): click again until the mark shows, then wait for 已保存.
      await expect
        .poll(async () => {
          if (!(await checked())) await option.click();
          return checked();
        })
        .toBe(true);
      await this.page.getByTestId(`material-saved-${type}`).waitFor({ state: 'visible' });
    }
    if (note !== undefined) {
      const field = this.page.getByTestId(`material-note-${type}`);
      await field.fill(note);
      const saved = this.page.waitForResponse((r) => r.url().includes('/rpc/mark_filing_material') && r.request().method() === 'POST');
      await field.press('Enter');
      await saved;
      await this.page.getByTestId(`material-saved-${type}`).waitFor({ state: 'visible' });
    }
  }

  /** The marks as shown: material → verdict ('ok' / 'bad' / '') and note. */
  async marks(types: string[]): Promise<Record<string, { verdict: string; note: string }>> {
    const result: Record<string, { verdict: string; note: string }> = {};
    for (const type of types) {
      const group = this.page.getByTestId(`material-verdict-${type}`);
      await group.waitFor({ state: 'visible' });
      const checked = group.locator('.ant-radio-button-wrapper-checked');
      const verdict = (await checked.count()) === 0 ? '' : (await checked.innerText()).trim() === '合格' ? 'ok' : 'bad';
      result[type] = { verdict, note: await this.page.getByTestId(`material-note-${type}`).inputValue() };
    }
    return result;
  }

  /** The confirmation dialog of a decision: its summary text; then confirms (or cancels). */
  async confirmDecision(answer: 'ok' | 'cancel' = 'ok'): Promise<string> {
    const summary = this.page.getByTestId('decision-summary');
    await summary.waitFor({ state: 'visible' });
    const text = (await this.page.locator('.decision-confirm').innerText()).trim();
    // Chromium paints embedded PDF viewers above the dialog and sends clicks on them to the viewer:
    // while the dialog is open they are hidden (styles/overlays.css).
    const viewers = await this.page.locator('object[type="application/pdf"]').evaluateAll((els) => els.map((e) => getComputedStyle(e).visibility));
    expect(viewers.filter((v) => v !== 'hidden')).toEqual([]);
    await this.page.getByTestId(answer === 'ok' ? 'decision-confirm-ok' : 'decision-confirm-cancel').click();
    await summary.waitFor({ state: 'detached' });
    return text;
  }

  async markAll(types: string[]): Promise<void> {
    for (const type of types) await this.markMaterial(type, '合格');
  }

  /** Clicks 退回修改 with these reasons (empty = only clicks, to see the validation). */
  async returnWithReasons(reasons: string): Promise<void> {
    await this.page.getByTestId('decision-reasons').fill(reasons);
    await this.page.getByTestId('decision-return').click();
  }

  async approve(): Promise<void> {
    await this.page.getByTestId('decision-approve').click();
  }

  /** The Chinese validation message under the reasons field. */
  async reasonsError(): Promise<string> {
    const error = this.page.locator('.ant-form-item-explain-error').first();
    await error.waitFor({ state: 'visible' });
    return (await error.innerText()).trim();
  }

  async filingNo(): Promise<string> {
    const el = this.page.getByTestId('review-filing-no');
    await el.waitFor({ state: 'visible' });
    return (await el.innerText()).trim();
  }

  async historyStatuses(): Promise<string[]> {
    const items = this.page.getByTestId('status-history-item');
    await items.first().waitFor({ state: 'visible' });
    return items.evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
  }

  async openCertificate(): Promise<void> {
    await this.page.getByTestId('review-certificate-link').click();
    await this.page.getByTestId('certificate').waitFor({ state: 'visible' });
  }

  async certificate(): Promise<{ filingNo: string; institution: string; bureau: string; qrUrl: string }> {
    await this.page.getByTestId('certificate-bureau').filter({ hasText: '卫生健康局' }).waitFor({ state: 'visible' });
    const qr = this.page.locator('svg[data-testid="certificate-qr"]');
    await qr.waitFor({ state: 'visible' });
    return {
      filingNo: (await this.page.getByTestId('certificate-filing-no').innerText()).trim(),
      institution: (await this.page.getByTestId('certificate-institution').innerText()).trim(),
      bureau: (await this.page.getByTestId('certificate-bureau').innerText()).trim(),
      qrUrl: (await qr.getAttribute('data-qr-value')) ?? '',
    };
  }

  async gotoRegistry(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/registry`);
    await this.page.locator('[data-testid="registry-table"][data-state="ready"]').waitFor({ state: 'visible' });
    await this.page.locator('[data-testid="registry-table"] tr.ant-table-row').first().waitFor({ state: 'visible' });
  }

  /** Narrows the registry to names containing `name` (the list is paged; the demo registry is large). */
  async searchRegistry(name: string): Promise<void> {
    const response = this.page.waitForResponse((r) => r.url().includes('/rest/v1/institutions?') && r.url().includes('ilike'));
    await this.page.getByTestId('registry-search-name').fill(name);
    await this.page.getByTestId('registry-search-submit').click();
    await response;
    await this.page.locator('[data-testid="registry-table"][data-state="ready"]').waitFor({ state: 'visible' });
  }

  async exportRegistry(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('registry-export').click();
    return download;
  }
}

/** The public /verify/:filingNo page (no sign-in). */
export class AdminVerifyPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(filingNo: string): Promise<void> {
    await this.open(filingVerificationUrl(this.baseUrl, filingNo));
  }

  /** Opens a verification URL (what a certificate's QR code carries) and waits for the answer. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('[data-testid="verify-result"], [data-testid="verify-not-found"], [data-testid="verify-error"]').first().waitFor();
  }

  /** 备案机关 (the county health bureau) of a found filing. */
  async bureau(): Promise<string> {
    return (await this.page.getByTestId('verify-bureau').innerText()).trim();
  }

  async result(): Promise<{ valid: boolean; filingNo: string; institution: string } | null> {
    const result = this.page.getByTestId('verify-result');
    if ((await result.count()) === 0) return null;
    return {
      valid: (await result.getAttribute('data-valid')) === 'true',
      filingNo: (await this.page.getByTestId('verify-filing-no').innerText()).trim(),
      institution: (await this.page.getByTestId('verify-institution').innerText()).trim(),
    };
  }
}
