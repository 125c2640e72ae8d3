import type { MiniappApp } from './miniapp-app.ts';

/** 投诉举报 and 投诉进度查询 (subpackage features/complaints). */
export class MiniappComplaintPages {
  static newRoute = 'features/complaints/pages/new/index';
  static trackRoute = 'features/complaints/pages/track/index';

  constructor(readonly app: MiniappApp) {}

  /** Fills the form of the current complaint page and submits it; returns the tracking number. */
  async file(o: { category: string; description: string; mobile: string; anonymous?: boolean }): Promise<string> {
    const { app } = this;
    await app.byTestId('complaint-form').waitFor();
    await app.byTestId(`complaint-category-${o.category}`).click();
    await app.byTestId('complaint-description').locator('textarea').fill(o.description);
    await app.byTestId('complaint-mobile').locator('input').fill(o.mobile);
    if (o.anonymous) await app.byTestId('complaint-anonymous').click();
    await app.byTestId('complaint-submit').click();
    await app.byTestId('complaint-done').waitFor({ timeout: 20_000 });
    return (await app.byTestId('complaint-tracking-no').innerText()).trim();
  }

  async statusAndSteps(): Promise<{ status: string; steps: string[] }> {
    await this.app.byTestId('complaint-timeline').waitFor({ timeout: 20_000 });
    return {
      status: (await this.app.byTestId('complaint-status').innerText()).trim(),
      steps: (await this.app.byTestId('complaint-step').allInnerTexts()).map((t) => t.trim()),
    };
  }
}
