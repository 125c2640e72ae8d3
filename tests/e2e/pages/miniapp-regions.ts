import type { MiniappApp } from './miniapp-app.ts';

/**
 * 行政区划 (regions subpackage): provinces, then the children of the tapped region. Each row is
 * `region-item-<code>` (with `data-code`); its name is the `region-item` text inside.
 */
export class MiniappRegionsPage {
  static readonly route = 'features/regions/pages/list/index';

  constructor(readonly app: MiniappApp) {}

  async open(query: { parent?: string; name?: string } = {}): Promise<void> {
    await this.app.open(MiniappRegionsPage.route, query as Record<string, string>);
    await this.app.byTestId('regions-page').waitFor();
  }

  async heading(): Promise<string> {
    return (await this.app.byTestId('regions-heading').innerText()).trim();
  }

  /** Waits for the list (or the empty/error state) and returns the region names shown. */
  async names(): Promise<string[]> {
    // Right after navigation the page may not have started loading yet: wait for an outcome.
    await this.app
      .byTestId('region-item')
      .first()
      .or(this.app.byTestId('state-empty'))
      .or(this.app.byTestId('state-error'))
      .waitFor({ state: 'visible' });
    await this.app.waitForLoaded();
    const items = this.app.byTestId('region-item');
    if ((await items.count()) === 0) return [];
    return (await items.allInnerTexts()).map((text) => text.trim());
  }

  async tap(code: string): Promise<void> {
    await this.app.byTestId(`region-item-${code}`).click();
    await this.app.settle();
    await this.app.byTestId('regions-page').waitFor();
  }
}
