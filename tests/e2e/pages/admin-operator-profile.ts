import type { Page } from 'playwright-core';

/** /my-institution/:id — the operator's institution profile with its tabs. */
export class AdminOperatorProfilePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async gotoMine(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/my-institution`);
    await this.page.getByTestId('my-institution').waitFor({ state: 'visible' });
  }

  async goto(institutionId: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/my-institution/${institutionId}`);
  }

  async name(): Promise<string> {
    return (await this.page.getByTestId('my-institution-name').innerText()).trim();
  }

  async openTab(tab: 'basic' | 'location' | 'classes' | 'staff' | 'fees'): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click();
  }

  /** The success toast antd shows after a save. */
  async waitForSaved(text: string): Promise<void> {
    await this.page.locator('.ant-message-notice').filter({ hasText: text }).first().waitFor({ state: 'visible' });
  }

  // Basic information
  async setOpeningHours(value: string): Promise<void> {
    await this.page.getByTestId('basic-opening-hours').fill(value);
    await this.page.getByTestId('basic-save').click();
  }

  // Location
  async waitForLocation(): Promise<void> {
    await this.page.getByTestId('location-form').waitFor({ state: 'visible' });
    await this.page.waitForFunction(() => {
      const el = document.querySelector<HTMLInputElement>('[data-testid="location-lat"] input, input[data-testid="location-lat"]');
      return !!el && el.value !== '';
    });
  }

  private latInput() {
    return this.page.locator('[data-testid="location-lat"] input, input[data-testid="location-lat"]').first();
  }

  private lngInput() {
    return this.page.locator('[data-testid="location-lng"] input, input[data-testid="location-lng"]').first();
  }

  /** Address and coordinates read-only (a filed institution: change filing). */
  async siteLocked(): Promise<boolean> {
    return (await this.latInput().isDisabled()) && (await this.lngInput().isDisabled())
      && (await this.page.getByTestId('location-address').isDisabled());
  }

  async coordinates(): Promise<{ lat: string; lng: string }> {
    return { lat: await this.latInput().inputValue(), lng: await this.lngInput().inputValue() };
  }

  async setLatitude(value: string): Promise<void> {
    await this.latInput().fill(value);
    await this.latInput().blur();
  }

  async pasteCoordinates(text: string): Promise<void> {
    await this.page.getByTestId('location-paste').fill(text);
    await this.page.getByTestId('location-paste-apply').click();
  }

  async saveLocation(): Promise<void> {
    await this.page.getByTestId('location-save').click();
  }

  /** Validation messages shown under the form's fields. */
  async fieldErrors(): Promise<string[]> {
    const errors = this.page.locator('.ant-form-item-explain-error');
    await errors.first().waitFor({ state: 'visible' });
    return (await errors.allInnerTexts()).map((t) => t.trim());
  }

  // Classes
  async addClass(values: { name: string; type: string; capacity: number; enrolled: number; carers: number }): Promise<void> {
    await this.page.getByTestId('class-add').click();
    const form = this.page.getByTestId('class-form');
    await form.waitFor({ state: 'visible' });
    await this.page.getByTestId('class-name').fill(values.name);
    await this.page.getByTestId('class-type').click();
    await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: values.type }).first().click();
    await this.fillNumber('class-capacity', values.capacity);
    await this.fillNumber('class-enrolled', values.enrolled);
    await this.fillNumber('class-carers', values.carers);
    await this.page.getByTestId('class-save').click();
  }

  /** Edit the numbers the operator keeps current on a filed institution's class. */
  async editClassNumbers(name: string, values: { enrolled: number; carers: number }): Promise<void> {
    await this.page.getByTestId(`class-edit-${name}`).click();
    await this.page.getByTestId('class-form').waitFor({ state: 'visible' });
    await this.fillNumber('class-enrolled', values.enrolled);
    await this.fillNumber('class-carers', values.carers);
    await this.page.getByTestId('class-save').click();
  }

  async classesLocked(): Promise<boolean> {
    await this.page.getByTestId('class-table').waitFor({ state: 'visible' });
    return (await this.page.getByTestId('class-locked').count()) === 1 && (await this.page.getByTestId('class-add').count()) === 0;
  }

  async classError(): Promise<string> {
    const el = this.page.getByTestId('class-error');
    await el.waitFor({ state: 'visible' });
    return (await el.innerText()).trim();
  }

  async classRuleHints(): Promise<string> {
    return (await this.page.getByTestId('class-rule-hints').innerText()).trim();
  }

  async closeModal(): Promise<void> {
    await this.page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal-footer button').filter({ hasText: '取' }).first().click();
  }

  async classNames(): Promise<string[]> {
    await this.page.getByTestId('class-table').waitFor({ state: 'visible' });
    return this.page.locator('[data-testid^="class-row-"]').evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-testid')!.replace('class-row-', '')),
    );
  }

  // Staff
  async addStaff(values: { name: string; role: string; certificate: string; number: string; healthExpiry: string }): Promise<void> {
    await this.page.getByTestId('staff-add').click();
    await this.page.getByTestId('staff-form').waitFor({ state: 'visible' });
    await this.page.getByTestId('staff-name').fill(values.name);
    await this.pick('staff-role', values.role);
    await this.pick('staff-certificate-type', values.certificate);
    await this.page.getByTestId('staff-certificate-no').fill(values.number);
    const date = this.page.locator('[data-testid="staff-health-expiry"] input, input[data-testid="staff-health-expiry"]').first();
    await date.click();
    await date.fill(values.healthExpiry);
    await date.press('Enter');
    await this.page.getByTestId('staff-save').click();
  }

  async certificateState(staffName: string): Promise<string | null> {
    const row = this.page.getByTestId(`staff-row-${staffName}`);
    await row.waitFor({ state: 'visible' });
    return row.getByTestId('health-certificate-state').getAttribute('data-state');
  }

  private async pick(testId: string, label: string): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first().click();
  }

  private async fillNumber(testId: string, value: number): Promise<void> {
    const input = this.page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
    await input.fill(String(value));
  }
}
