import type { MiniappApp } from './miniapp-app.ts';

/** 机构详情: filing number and status, classes, fees, contact, public address. */
export class MiniappInstitutionPage {
  static route = 'features/registry/pages/institution/index';

  constructor(readonly app: MiniappApp) {}

  async open(id: string): Promise<void> {
    await this.app.open(MiniappInstitutionPage.route, { id });
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.app.byTestId('institution-page').waitFor();
    await this.app.waitForLoaded();
    await this.app.byTestId('institution-name').waitFor();
  }

  async text(testId: string): Promise<string> {
    return (await this.app.byTestId(testId).innerText()).trim();
  }

  /** The rows of a section, once its first row is shown (sections load after the page's head). */
  async rows(testId: string): Promise<string[]> {
    await this.app.byTestId(testId).first().waitFor();
    return (await this.app.byTestId(testId).allInnerTexts()).map((t) => t.trim());
  }
}
