import type { MiniappApp } from './miniapp-app.ts';

/** 首页 (tab): 托育一件事 and the entries to the features. */
export class MiniappHomePage {
  static readonly route = 'pages/home/index';

  constructor(readonly app: MiniappApp) {}

  async open(): Promise<void> {
    await this.app.open(MiniappHomePage.route);
    await this.app.byTestId('home-page').waitFor();
  }

  async title(): Promise<string> {
    return (await this.app.byTestId('home-title').innerText()).trim();
  }

  async openEntry(testId: string): Promise<void> {
    await this.app.byTestId(testId).click();
    await this.app.settle();
  }
}
