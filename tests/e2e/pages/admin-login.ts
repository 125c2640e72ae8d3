import type { Page } from 'playwright-core';

/** The admin's sign-in page (/login). */
export class AdminLoginPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/login`);
    await this.waitUntilShown();
  }

  async waitUntilShown(): Promise<void> {
    await this.page.getByTestId('login-submit').waitFor({ state: 'visible' });
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByTestId('login-email').fill(email);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
  }

  /** The Chinese error shown above the form after a failed sign-in. */
  async errorText(): Promise<string> {
    const error = this.page.getByTestId('login-error');
    await error.waitFor({ state: 'visible' });
    return (await error.innerText()).trim();
  }

  async titleText(): Promise<string> {
    return (await this.page.getByTestId('login-title').innerText()).trim();
  }
}
