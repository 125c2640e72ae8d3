import type { Locator, Page } from 'playwright-core';

/** 备案后发现问题告知 on the county's registry institution page (/registry/:id). */
export class AdminCountyNotices {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(institutionId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/registry/${institutionId}`);
    await this.card().waitFor({ state: 'visible' });
    await this.page.locator('[data-testid="notices-card"][data-state="ready"]').waitFor();
  }

  card(): Locator {
    return this.page.getByTestId('notices-card');
  }

  /** The text of the 告知期限 line above the form (throws if the form is not shown). */
  async notifyByText(): Promise<string> {
    const line = this.page.getByTestId('notice-notify-by');
    await line.waitFor({ state: 'visible' });
    return (await line.innerText()).trim();
  }

  async closedText(): Promise<string> {
    const closed = this.page.getByTestId('notice-closed');
    await closed.waitFor({ state: 'visible' });
    return (await closed.innerText()).trim();
  }

  async notify(problem: string, rectifyBy: string): Promise<void> {
    await this.page.getByTestId('notice-problem-input').fill(problem);
    await this.page.getByTestId('notice-rectify-by-input').click();
    await this.page.keyboard.type(rectifyBy);
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('notice-submit').click();
    await this.row(problem).waitFor({ state: 'visible' });
  }

  row(problem: string): Locator {
    return this.card().locator('tr[data-testid^="notice-row-"]', { hasText: problem });
  }

  async status(problem: string): Promise<string> {
    return (await this.row(problem).getByTestId('notice-status').innerText()).trim();
  }

  async reply(problem: string): Promise<string> {
    const reply = this.row(problem).getByTestId('notice-reply');
    await reply.waitFor({ state: 'visible' });
    return (await reply.innerText()).trim();
  }

  async resolve(problem: string): Promise<void> {
    await this.row(problem).getByTestId('notice-resolve').click();
    await this.page.getByTestId('notice-resolve-confirm').click();
    await this.row(problem).locator('[data-testid="notice-status"][data-status="resolved"]').waitFor();
  }
}

/** The operator's notices on 本机构信息 (/my-institution/:id). */
export class AdminOperatorNotices {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async goto(institutionId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/my-institution/${institutionId}`);
    await this.page.getByTestId('my-institution').waitFor({ state: 'visible' });
    await this.page.locator('[data-testid="operator-notices"][data-state="ready"]').waitFor();
  }

  item(problem: string): Locator {
    return this.page.getByTestId('operator-notices').locator('[data-testid^="operator-notice-"]', { hasText: problem });
  }

  async deadline(problem: string): Promise<string> {
    return (await this.item(problem).getByTestId('notice-rectify-by').innerText()).trim();
  }

  async reply(problem: string, text: string): Promise<void> {
    const item = this.item(problem);
    await item.getByTestId('notice-reply-input').fill(text);
    await item.getByTestId('notice-reply-submit').click();
    await this.page.getByText('改正说明已提交').waitFor({ state: 'visible' });
  }
}

/** The registry list's 待整改 tag of one institution (null when it has none). */
export async function registryNoticeTag(page: Page, baseUrl: string, institutionName: string, institutionId: string): Promise<string | null> {
  await page.goto(`${baseUrl}/registry`);
  await page.getByTestId('registry-search-name').fill(institutionName);
  await page.getByTestId('registry-search-submit').click();
  await page.getByTestId(`registry-open-${institutionId}`).waitFor({ state: 'visible' });
  await page.locator('[data-testid="registry-table"][data-state="ready"]').waitFor();
  const tag = page.getByTestId(`registry-notice-${institutionId}`);
  return (await tag.count()) > 0 ? (await tag.innerText()).trim() : null;
}
