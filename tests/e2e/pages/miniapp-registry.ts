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

  /**
   * 选地区: walks the region picker (e.g. 山东省 › 济宁市 › 汶上县 › 中都街道). Ending on a street
   * searches from its centre; `wholeLastLevel` uses the last region named (a county) instead.
   */
  async chooseRegion(names: string[], options: { wholeLastLevel?: boolean } = {}): Promise<void> {
    await this.app.byTestId('registry-location-region').click();
    const picker = this.app.byTestId('region-picker');
    await picker.waitFor();
    const steps = options.wholeLastLevel ? names : names.slice(0, -1);
    for (const name of steps) {
      await picker.locator('[data-testid="region-picker-item"]').filter({ hasText: name }).first().click();
      await picker.locator('[data-testid="region-picker-path"]').filter({ hasText: name }).waitFor();
    }
    await this.searchWith(async () => {
      if (options.wholeLastLevel) await picker.locator('[data-testid="region-picker-use"]').click();
      else await picker.locator('[data-testid="region-picker-item"]').filter({ hasText: names[names.length - 1] ?? '' }).first().click();
      await picker.waitFor({ state: 'detached' });
    });
  }

  /** Opens the search at a location (as a link with `lat`/`lng`/`place` does). */
  async openAt(lat: number, lng: number, place: string): Promise<void> {
    await this.open({ lat: String(lat), lng: String(lng), place });
    await this.searchWith(async () => undefined);
  }

  /** The filters are folded into a bar: opens the sheet when it is closed. */
  async openFilters(): Promise<void> {
    if ((await this.app.byTestId('registry-filter-sheet').count()) === 0) await this.app.byTestId('registry-filter-toggle').click();
    await this.app.byTestId('registry-filter-sheet').waitFor();
  }

  async closeFilters(): Promise<void> {
    await this.app.byTestId('registry-filter-done').click();
    await this.app.byTestId('registry-filter-sheet').waitFor({ state: 'detached' });
  }

  /** Taps the chip `label` inside the filter row `testId` (in the filter sheet) and waits for the new results. */
  async tapFilter(testId: string, label: string): Promise<void> {
    await this.openFilters();
    await this.searchWith(() => this.filter(testId).getByText(label, { exact: true }).click());
  }

  async setAge(months: string): Promise<void> {
    await this.openFilters();
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
