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

  /** Labels of the sider menu entries the person may see. */
  async menuLabels(): Promise<string[]> {
    const items = this.page.locator('.ant-layout-sider .ant-menu-item');
    await items.first().waitFor({ state: 'visible' });
    return (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('header-logout').click();
  }
}
