import type { Locator, Page } from 'playwright-core';

/**
 * The mini-program's H5 build (Taro, hash router): `<miniappUrl>/#/<route>?<query>`.
 * Taro keeps the pages of the navigation stack in the DOM and hides all but the top one, so every
 * page object looks inside the visible page only.
 */
export class MiniappApp {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  static url(baseUrl: string, route: string, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${baseUrl}/#/${route.replace(/^\//, '')}${search ? `?${search}` : ''}`;
  }

  async open(route: string, query: Record<string, string> = {}): Promise<void> {
    await this.page.goto(MiniappApp.url(this.baseUrl, route, query));
    await this.settle();
  }

  /** The page on top of Taro's stack. */
  current(): Locator {
    return this.page.locator('.taro_page:visible').last();
  }

  byTestId(testId: string): Locator {
    return this.current().locator(`[data-testid="${testId}"]`);
  }

  /** Taro slides a new page in; wait until it is the only visible one and the slide is over. */
  async settle(): Promise<void> {
    await this.page.locator('.taro_page').first().waitFor({ state: 'attached' });
    await this.page.waitForFunction(() => {
      const visible = [...document.querySelectorAll('.taro_page')].filter((el) => (el as HTMLElement).offsetParent !== null);
      return visible.length >= 1 && visible.every((el) => getComputedStyle(el).transform === 'none');
    });
  }

  /** The route in the hash, without the query (e.g. `pages/home/index`). */
  route(): string {
    const hash = new URL(this.page.url()).hash.replace(/^#\/?/, '');
    return hash.split('?')[0] ?? '';
  }

  async tapTab(text: string): Promise<void> {
    await this.page.locator('.taro-tabbar__tabbar .weui-tabbar__item').filter({ hasText: text }).click();
    await this.settle();
  }

  /** Waits until none of the shared loading states is shown in the current page. */
  async waitForLoaded(): Promise<void> {
    // a page may load several sections at once (the institution page): wait until none loads
    await this.byTestId('state-loading').first().waitFor({ state: 'detached' });
  }

  /** H5 navigation bar (Taro's, as WeChat draws one): the page title shown. */
  async navigationTitle(): Promise<string> {
    return (await this.page.locator('#taro-navigation-bar .taro-navigation-bar-title').innerText()).trim();
  }

  /** Which button the navigation bar offers: back (a page below), home (opened by a link) or none (tab pages). */
  async navigationButton(): Promise<'back' | 'home' | 'none'> {
    const bar = this.page.locator('#taro-navigation-bar');
    const classes = (await bar.getAttribute('class')) ?? '';
    if (classes.includes('taro-navigation-bar-back-icon')) return 'back';
    if (classes.includes('taro-navigation-bar-home-icon')) return 'home';
    return 'none';
  }

  /** Taps the navigation bar's back (or home) button and waits for the page below. */
  async tapNavigationBack(): Promise<void> {
    const button = (await this.navigationButton()) === 'home' ? '.taro-navigation-bar-home' : '.taro-navigation-bar-back';
    const before = this.page.url();
    await this.page.locator(`#taro-navigation-bar ${button}`).click();
    await this.page.waitForFunction((url) => window.location.href !== url, before);
    await this.settle();
  }
}
