import type { Page } from 'playwright-core';

/** The signed-in frame: sider menu and header (identity, region selector, sign-out). */
export class AdminLayout {
  constructor(readonly page: Page) {}

  async waitForIdentity(): Promise<void> {
    await this.page.getByTestId('header-user-name').waitFor({ state: 'visible' });
  }

  async userName(): Promise<string> {
    await this.waitForIdentity();
    return (await this.page.getByTestId('header-user-name').innerText()).trim();
  }

  async roleLabel(): Promise<string> {
    await this.waitForIdentity();
    return (await this.page.getByTestId('header-user-role').innerText()).trim();
  }

  /** Labels of the sider menu entries the person may see (the link text, without the badge count). */
  async menuLabels(): Promise<string[]> {
    const items = this.page.locator('.ant-layout-sider .ant-menu-item a');
    await items.first().waitFor({ state: 'visible' });
    return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  /** The count on a menu entry's badge (0 when nothing waits). */
  async menuBadge(resource: string): Promise<number> {
    const badge = this.page.locator(`.ant-layout-sider [data-testid="menu-badge-${resource}"]`);
    await badge.first().waitFor({ state: 'attached' });
    return Number(await badge.first().getAttribute('data-count'));
  }

  regionSelector() {
    return this.page.getByTestId('region-selector');
  }

  /** Picks a region in the header's selector (city/province admins), by the start of its name. */
  async selectRegion(name: string): Promise<void> {
    await this.regionSelector().click();
    await this.page.keyboard.type(name);
    await this.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: name })
      .first()
      .click();
  }

  /**
   * Opens `path` inside the running app, as its own links do (the router's history, no page load):
   * for a test that visits many screens of a signed-in admin and is about what each screen shows —
   * the first load of a path is proven wherever a test opens a page by its URL. Data the app already
   * holds may show until its refetch, so use it for screens whose data the test does not change.
   */
  async navigate(path: string): Promise<void> {
    await this.page.evaluate((to) => {
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
    }, path);
    const target = new URL(path, 'http://admin.invalid');
    await this.page.waitForURL((url) => url.pathname === target.pathname);
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('header-logout').click();
  }
}
