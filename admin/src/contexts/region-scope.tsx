import { type RegionLevel } from '@tuoyu/domain';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { CrudFilter } from '@refinedev/core';

/**
 * The region a city or province admin is currently looking at (null = their whole area).
 * Lists add `regionFilter()` to narrow what RLS already allows them to see. Region-scoped tables
 * carry `province_code`, `city_code`, `county_code` (and `street_code`), so a selected county
 * filters `county_code = …` — an indexed equality, the same column the policies read.
 */
export type SelectedRegion = { code: string; level: RegionLevel; name: string };

type RegionScope = {
  selected: SelectedRegion | null;
  select(region: SelectedRegion | null): void;
  /** The filter for the selected region on a table with `<level>_code` columns, or none. */
  regionFilter(): CrudFilter[];
};

export const REGION_COLUMNS: Record<RegionLevel, string> = {
  province: 'province_code',
  city: 'city_code',
  county: 'county_code',
  street: 'street_code',
};

const STORAGE_KEY = 'tuoyu-admin-region';

function readStored(): SelectedRegion | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as SelectedRegion) : null;
  } catch {
    return null;
  }
}

const RegionScopeContext = createContext<RegionScope | null>(null);

export function RegionScopeProvider({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState<SelectedRegion | null>(readStored);
  const select = useCallback((region: SelectedRegion | null) => {
    setSelected(region);
    if (region) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(region));
    else sessionStorage.removeItem(STORAGE_KEY);
  }, []);
  const value = useMemo<RegionScope>(
    () => ({
      selected,
      select,
      regionFilter: () => (selected ? [{ field: REGION_COLUMNS[selected.level], operator: 'eq', value: selected.code }] : []),
    }),
    [selected, select],
  );
  return <RegionScopeContext.Provider value={value}>{children}</RegionScopeContext.Provider>;
}

export function useRegionScope(): RegionScope {
  const scope = useContext(RegionScopeContext);
  if (!scope) throw new Error('useRegionScope must be used inside <RegionScopeProvider>');
  return scope;
}
