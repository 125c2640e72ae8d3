import type { MiniappApp } from './miniapp-app.ts';

/** 备案证书核验: the page the certificate QR opens (`#/pages/verify/index?no=<filing_no>`). */
export class MiniappVerifyPage {
  static readonly route = 'pages/verify/index';

  constructor(readonly app: MiniappApp) {}

  async open(filingNo?: string): Promise<void> {
    await this.app.open(MiniappVerifyPage.route, filingNo === undefined ? {} : { no: filingNo });
    await this.app.byTestId('verify-page').waitFor();
  }

  async verify(filingNo: string): Promise<void> {
    await this.app.byTestId('verify-input').locator('input').fill(filingNo);
    await this.app.byTestId('verify-submit').click();
  }

  /** Waits for a verdict; returns which card is shown and its text. */
  async verdict(): Promise<{ valid: boolean; text: string }> {
    const valid = this.app.byTestId('verify-valid');
    const invalid = this.app.byTestId('verify-invalid');
    await valid.or(invalid).first().waitFor();
    if (await valid.isVisible()) return { valid: true, text: (await valid.innerText()).trim() };
    return { valid: false, text: (await invalid.innerText()).trim() };
  }

  async field(testId: 'verify-institution' | 'verify-county' | 'verify-date'): Promise<string> {
    return (await this.app.byTestId(testId).innerText()).trim();
  }
}
