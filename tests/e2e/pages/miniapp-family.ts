import type { MiniappApp } from './miniapp-app.ts';

/** The family subpackage (登录, 隐私与授权, 我的孩子, 申请入托, 入托申请) on H5. */
export class MiniappFamily {
  constructor(readonly app: MiniappApp) {}

  /** 我的 → 登录 → agree → a demo family through wechat-login and the WeChat stand-in. */
  async signInAsDemo(who: 'zhang' | 'li' | 'guest'): Promise<void> {
    await this.app.open('pages/mine/index');
    await this.app.byTestId('mine-login').click();
    await this.app.settle();
    await this.app.byTestId('login-agree').click();
    await this.app.byTestId(`login-demo-${who}`).click();
    await this.app.byTestId('mine-logout').waitFor({ timeout: 20_000 });
    await this.app.settle();
  }

  async openFromMine(route: 'familyChildren' | 'familyRequests' | 'familyReviews' | 'familyNotices' | 'familyPrivacy'): Promise<void> {
    await this.app.byTestId(`mine-${route}`).click();
    await this.app.settle();
    await this.app.waitForLoaded();
  }

  async consent(): Promise<void> {
    await this.app.byTestId('consent-give').click();
    await this.app.byTestId('consent-given').waitFor();
  }

  async addChild(name: string, birthDate: string): Promise<void> {
    await this.app.byTestId('child-add').click();
    await this.app.byTestId('child-name').locator('input').fill(name);
    await this.app.byTestId('child-birth').locator('input').fill(birthDate);
    await this.app.byTestId('child-age').waitFor();
    await this.app.byTestId('child-save').click();
    await this.app.byTestId('child-card').filter({ hasText: name }).waitFor();
  }

  /** Taro's H5 showModal: tap 确定. */
  async confirmModal(): Promise<void> {
    const button = this.app.page.locator('.taro-modal__foot .taro-model__confirm:visible').first();
    await button.waitFor({ timeout: 10_000 });
    await button.click();
  }
}
