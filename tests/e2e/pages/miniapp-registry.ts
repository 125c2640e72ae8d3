import type { Locator } from 'playwright-core';
import type { MiniappApp } from './miniapp-app.ts';

export interface RegistryResult {
  id: string;
  name: string;
  /** Distance as shown (e.g. 1.2 公里 / 850 米), '' when searching by name only. */
  distance: string;
  /** Distance in metres parsed from the label, or null. */
  distanceM: number | null;
  text: string;
}

/** Parses 850 米 / 1.2 公里 / 12 km style labels into metres. */
export function parseDistance(label: string): number | null {
  const match = /([\d.]+)\s*(公里|千米|km|米|m)/.exec(label);
  if (!match) return null;
  const value = Number(match[1]);
  return /公里|千米|km/.test(match[2] ?? '') ? value * 1000 : value;
}

/** 备案机构查询 (registry subpackage): search by name or by distance, filters, result list. */
export class MiniappRegistryPage {
  static route = 'features/registry/pages/search/index';

  constructor(readonly app: MiniappApp) {}

  async open(query: Record<string, string> = {}): Promise<void> {
    await this.app.open(MiniappRegistryPage.route, query);
    await this.app.byTestId('registry-search-page').waitFor();
  }

  /**
   * Runs `action`, then waits until the list shows the answer to the new search. While a new search
   * runs the previous results stay on screen marked `data-state="updating"`; a search answered from
   * the cache is `ready` at once.
   */
  async searchWith(action: () => Promise<void>): Promise<void> {
    await action();
    await this.app
      .current()
      .locator('[data-testid="registry-results"][data-state="ready"], [data-testid="state-empty"], [data-testid="state-error"]')
      .first()
      .waitFor();
  }

  async searchByName(name: string): Promise<void> {
    await this.app.byTestId('registry-name-input').locator('input').fill(name);
    await this.searchWith(() => this.app.byTestId('registry-name-submit').click());
  }

  async choosePreset(place: string): Promise<void> {
    await this.searchWith(() => this.app.byTestId('registry-location-preset').filter({ hasText: place }).first().click());
  }

  async enterLocation(lat: number, lng: number): Promise<void> {
    await this.app.byTestId('registry-lat').locator('input').fill(String(lat));
    await this.app.byTestId('registry-lng').locator('input').fill(String(lng));
    await this.searchWith(() => this.app.byTestId('registry-location-apply').click());
  }

  /** Taps the chip `label` inside the filter row `testId` and waits for the new results. */
  async tapFilter(testId: string, label: string): Promise<void> {
    await this.searchWith(() => this.filter(testId).getByText(label, { exact: true }).click());
  }

  async setAge(months: string): Promise<void> {
    await this.searchWith(() => this.filter('registry-filter-age').locator('input').fill(months));
  }

  filter(testId: string): Locator {
    return this.app.byTestId(testId);
  }

  async results(): Promise<RegistryResult[]> {
    await this.app.waitForLoaded();
    const rows = await this.app.byTestId('registry-result').all();
    const out: RegistryResult[] = [];
    for (const row of rows) {
      const distanceNode = row.locator('[data-testid="registry-result-distance"]');
      const distance = (await distanceNode.count()) ? (await distanceNode.innerText()).trim() : '';
      out.push({
        id: (await row.getAttribute('data-id')) ?? '',
        name: (await row.locator('[data-testid="registry-result-name"]').innerText()).trim(),
        distance,
        distanceM: parseDistance(distance),
        text: await row.innerText(),
      });
    }
    return out;
  }

  async openResult(name: string): Promise<void> {
    await this.app.byTestId('registry-result').filter({ hasText: name }).first().click();
    await this.app.settle();
  }
}
